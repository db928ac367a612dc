using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Clients;

/// <summary>
/// A fake provider on loopback serving <c>/v1/chat/completions</c>, <c>/v1/responses</c> and Anthropic's
/// <c>/v1/messages</c> (and its token count), stream and not. A healthy one plays the model of a check
/// (<see cref="ModelTurn"/>); a flaky one fails every request, a stream inside it after its first events. Each keeps
/// the requests it was sent in a folder, for reading when a check fails.
/// </summary>
internal sealed class ScriptedModel(string name, bool flaky, string requests) : LoopbackProvider
{
    private int _received;
    private bool _reasoningOwed;

    public string Name => name;

    /// <summary>How the model's reasoning fared: none given, given and not wanted back, or given and brought back.</summary>
    public string Reasoning { get; private set; } = "none";

    /// <param name="requests">The folder the requests are written to, one file each.</param>
    public static async Task<ScriptedModel> StartAsync(string name, bool flaky, string requests)
    {
        Directory.CreateDirectory(requests);
        var model = new ScriptedModel(name, flaky, requests);
        await model.StartAsync(app => app.MapPost("/v1/messages/count_tokens", () => Results.Json(new { input_tokens = 100 })));
        return model;
    }

    protected override async Task AnswerAsync(HttpContext context, Protocol protocol)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var number = Interlocked.Increment(ref _received);
        await File.WriteAllTextAsync(Path.Combine(requests, $"{Name}-{number:D3}-{protocol.ToString().ToLowerInvariant()}.json"), body);
        var request = JsonNode.Parse(body)!.AsObject();
        var stream = request["stream"]?.GetValueKind() == JsonValueKind.True;
        var includeUsage = request["stream_options"]?["include_usage"]?.GetValueKind() == JsonValueKind.True;
        if (flaky && stream)
        {
            await WriteEventsAsync(context, ModelReplies.FailingStream(protocol));
            return;
        }

        if (flaky)
        {
            await WriteJsonAsync(context, 529, ModelReplies.FailingBody(protocol));
            return;
        }

        var turn = ModelTurn.For(protocol, request, body, Volatile.Read(ref _reasoningOwed));
        if (turn is ModelTurn.Refusal refusal)
        {
            await WriteJsonAsync(context, 400, ModelReplies.ErrorBody(protocol, "invalid_request_error", refusal.Message));
            return;
        }

        if (turn.Thinks)
        {
            Reasoning = turn.WantsReasoningBack ? "given, not yet brought back" : "given, not wanted back";
            Volatile.Write(ref _reasoningOwed, turn.WantsReasoningBack);
        }
        else if (Volatile.Read(ref _reasoningOwed) && turn is ModelTurn.Text { Value: ModelTurn.Finished })
        {
            Reasoning = "brought back";
        }

        await (stream ? WriteEventsAsync(context, ModelReplies.Stream(protocol, turn, includeUsage)) : WriteJsonAsync(context, 200, ModelReplies.Whole(protocol, turn)));
    }
}
