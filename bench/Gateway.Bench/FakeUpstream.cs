using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench;

/// <summary>
/// A fast fake provider on loopback: a fixed chat completion, or an SSE stream of 50 chunks; and the same 50
/// tokens as a Responses event stream on <c>/v1/responses</c> (for the converted path).
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const int StreamChunks = 50;

    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the benchmark upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""");

    private static readonly byte[] Chunk = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},\"finish_reason\":null}]}\n\n");

    private static readonly byte[] Tail = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":50,\"total_tokens\":62}}\n\ndata: [DONE]\n\n");

    private static readonly byte[] ResponsesHead = Encoding.UTF8.GetBytes(
        "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"in_progress\",\"model\":\"bench-model\",\"output\":[]}}\n\n"
        + "event: response.in_progress\ndata: {\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"in_progress\",\"model\":\"bench-model\",\"output\":[]}}\n\n"
        + "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}\n\n"
        + "event: response.content_part.added\ndata: {\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}\n\n");

    // One constant event reused for every delta (its sequence number too): the gateway converts by type, not by number.
    private static readonly byte[] ResponsesDelta = Encoding.UTF8.GetBytes(
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,\"delta\":\"token \",\"logprobs\":[]}\n\n");

    private static readonly byte[] ResponsesTail = Encoding.UTF8.GetBytes(
        "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"sequence_number\":54,\"output_index\":0,\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[]}}\n\n"
        + "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":55,\"response\":{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\",\"model\":\"bench-model\",\"output\":[],\"usage\":{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":62}}}\n\n");

    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", HandleAsync);
        app.MapPost("/v1/responses", HandleResponsesStreamAsync);
        await app.StartAsync();
        return new FakeUpstream(app, app.Urls.First().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Completion.Length;
            await context.Response.Body.WriteAsync(Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < StreamChunks; i++)
        {
            await context.Response.Body.WriteAsync(Chunk);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.Body.WriteAsync(Tail);
    }

    private static async Task HandleResponsesStreamAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync();
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.WriteAsync(ResponsesHead);
        await context.Response.Body.FlushAsync();
        for (var i = 0; i < StreamChunks; i++)
        {
            await context.Response.Body.WriteAsync(ResponsesDelta);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.Body.WriteAsync(ResponsesTail);
    }
}
