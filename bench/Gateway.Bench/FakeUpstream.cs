using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench;

/// <summary>
/// A fast fake provider on loopback: a fixed Chat completion or Responses answer, or an SSE stream of 50 chunks (Chat) or
/// 50 text deltas in the events around them (Responses), each flushed on its own, at once or, for the model
/// <see cref="PacedModel"/>, <see cref="PaceInterval"/> apart as a model's tokens come.
/// </summary>
internal static class FakeUpstream
{
    public const int StreamChunks = 50;

    /// <summary>The model whose stream comes at a model's pace: its first event at once, the others one interval apart.</summary>
    public const string PacedModel = "bench-paced";

    /// <summary>The delay before each event after the first (timers make the gaps somewhat longer: about 8 ms here).</summary>
    public static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>The argument (followed by a port) that runs this program as the fake upstream.</summary>
    public const string ServeArgument = "--serve-upstream";

    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the benchmark upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""");

    private static readonly byte[] Chunk = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},\"finish_reason\":null}]}\n\n");

    private static readonly byte[] Tail = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":50,\"total_tokens\":62}}\n\ndata: [DONE]\n\n");

    // The whole Chat stream: 50 content chunks, then the usage chunk and [DONE].
    private static readonly byte[][] ChatStream = [.. Enumerable.Repeat(Chunk, StreamChunks), Tail];

    private static readonly byte[] ResponsesAnswer = Encoding.UTF8.GetBytes(
        """{"id":"resp_bench","object":"response","created_at":1700000000,"status":"completed","model":"bench-model","output":[{"id":"msg_bench","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello from the benchmark upstream.","annotations":[]}]}],"usage":{"input_tokens":12,"output_tokens":8,"total_tokens":20}}""");

    // The whole Responses stream, built once: created, item and part added, 50 deltas, done events, completed with usage.
    private static readonly byte[][] ResponsesStream = BuildResponsesStream();

    /// <summary>Serves on the loopback port until the process is killed.</summary>
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", Serve(Completion, ChatStream));
        app.MapPost("/v1/responses", Serve(ResponsesAnswer, ResponsesStream));
        await app.RunAsync();
    }

    // A non-streaming request gets the whole answer; a streaming one the stream's events, each flushed on its own.
    // (The fixed answers' model stays bench-model whatever the request's: no proxy here checks it.)
    private static RequestDelegate Serve(byte[] answer, byte[][] stream) => async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var paced = body.Contains(PacedModel, StringComparison.Ordinal);
        for (var i = 0; i < stream.Length; i++)
        {
            if (paced && i > 0)
            {
                await Task.Delay(PaceInterval, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(stream[i]);
            await context.Response.Body.FlushAsync();
        }
    };

    private static byte[][] BuildResponsesStream()
    {
        var events = new List<(string Type, string Data)>();
        void Add(string type, string fields) => events.Add((type, $$"""{"type":"{{type}}","sequence_number":{{events.Count}},{{fields}}}"""));
        const string Item = "\"item_id\":\"msg_bench\",\"output_index\":0";
        Add("response.created", "\"response\":{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"in_progress\",\"model\":\"bench-model\",\"output\":[]}");
        Add("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        Add("response.content_part.added", Item + ",\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}");
        for (var i = 0; i < StreamChunks; i++)
        {
            Add("response.output_text.delta", Item + ",\"content_index\":0,\"delta\":\"token \"");
        }

        var text = string.Concat(Enumerable.Repeat("token ", StreamChunks));
        Add("response.output_text.done", Item + $",\"content_index\":0,\"text\":\"{text}\"");
        Add("response.content_part.done", Item + $",\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"text\":\"{text}\",\"annotations\":[]}}");
        var message = $"{{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"text\":\"{text}\",\"annotations\":[]}}]}}";
        Add("response.output_item.done", $"\"output_index\":0,\"item\":{message}");
        Add("response.completed", $"\"response\":{{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\",\"model\":\"bench-model\",\"output\":[{message}],\"usage\":{{\"input_tokens\":12,\"output_tokens\":{StreamChunks},\"total_tokens\":{StreamChunks + 12}}}}}");
        return [.. events.Select(e => Encoding.UTF8.GetBytes($"event: {e.Type}\ndata: {e.Data}\n\n"))];
    }
}
