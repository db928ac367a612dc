using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.BenchShared;

/// <summary>The protocol a client speaks, or an upstream answers in.</summary>
internal enum Protocol
{
    Chat,
    Responses,
    Messages,
}

/// <summary>
/// A fake provider in the soak's or the real-client check's own process: a web server on a free loopback port, without
/// logs, serving <c>/v1/chat/completions</c>, <c>/v1/responses</c> and Anthropic's <c>/v1/messages</c> through
/// <see cref="AnswerAsync"/>, and the server-sent events its answers stream with.
/// </summary>
internal abstract class LoopbackProvider : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where the provider listens once started, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <param name="more">Maps endpoints beyond the three the provider answers, e.g. a token count.</param>
    protected async Task StartAsync(Action<WebApplication>? more = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", context => AnswerAsync(context, Protocol.Chat));
        app.MapPost("/v1/responses", context => AnswerAsync(context, Protocol.Responses));
        app.MapPost("/v1/messages", context => AnswerAsync(context, Protocol.Messages));
        more?.Invoke(app);
        await app.StartAsync();
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    /// <summary>Answers one request that came in <paramref name="protocol"/>.</summary>
    protected abstract Task AnswerAsync(HttpContext context, Protocol protocol);

    /// <summary>A JSON body with <paramref name="status"/>.</summary>
    protected static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>A 200 stream of <paramref name="events"/>, each flushed on its own: its type (none for Chat) and data.</summary>
    protected static async Task WriteEventsAsync(HttpContext context, IEnumerable<(string? Type, string Data)> events)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        foreach (var (type, data) in events)
        {
            var text = type is null ? $"data: {data}\n\n" : $"event: {type}\ndata: {data}\n\n";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
