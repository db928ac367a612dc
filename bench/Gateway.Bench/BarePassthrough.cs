using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench;

/// <summary>
/// The floor for any gateway on this stack: Kestrel in front of one <see cref="SocketsHttpHandler"/>, forwarding the
/// request body and relaying the answer read by read (flushed after each), with nothing else: no key, no account, no
/// parsing, no usage row. The distance between it and nginx is the platform's; the distance to the gateway is ours.
/// </summary>
internal static class BarePassthrough
{
    /// <summary>The argument (followed by a port and the upstream's base URL) that runs this program as the pass-through.</summary>
    public const string ServeArgument = "--serve-passthrough";

    public static async Task RunAsync(int port, Uri upstream)
    {
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(context => ForwardAsync(context, invoker, upstream));
        await app.RunAsync();
    }

    private static async Task ForwardAsync(HttpContext context, HttpMessageInvoker invoker, Uri upstream)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream, context.Request.Path.Value))
        {
            Content = new StreamContent(context.Request.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        using var response = await invoker.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        context.Response.ContentLength = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
