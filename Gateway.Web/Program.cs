using Gateway.Web.Hosting;

SocketEventThreads.RunCompletionsInline();
var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseGateway();
await app.RunAsync();

/// <summary>The host's entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
