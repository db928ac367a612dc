using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Clients;

/// <summary>How a scripted model behaves.</summary>
internal enum ModelBehaviour
{
    /// <summary>Fails every request: a stream inside it, after its first events; any other with a 529.</summary>
    Flaky,

    /// <summary>Plays the model of a check (<see cref="ModelTurn"/>).</summary>
    Healthy,

    /// <summary>Plays the model until it has made its call, then fails as <see cref="Flaky"/> does.</summary>
    FailsAfterItsCall,
}

/// <summary>
/// A fake provider on loopback serving <c>/v1/chat/completions</c>, <c>/v1/responses</c> and Anthropic's
/// <c>/v1/messages</c> (and its token count), stream and not, as its <see cref="ModelBehaviour"/> says. Its reasoning's
/// opaque part is its own (named after it): it refuses any other. Each keeps the requests it was sent in a folder, for
/// reading when a check fails.
/// </summary>
internal sealed class ScriptedModel(string name, ModelBehaviour behaviour, string requests) : LoopbackProvider
{
    private int _received;
    private bool _reasoningOwed;
    private bool _called;

    public string Name => name;

    /// <summary>How the model's reasoning fared: none given, given, or given and brought back.</summary>
    public string Reasoning { get; private set; } = "none";

    /// <param name="requests">The folder the requests are written to, one file each.</param>
    public static async Task<ScriptedModel> StartAsync(string name, ModelBehaviour behaviour, string requests)
    {
        Directory.CreateDirectory(requests);
        var model = new ScriptedModel(name, behaviour, requests);
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
        if (behaviour == ModelBehaviour.Flaky || (behaviour == ModelBehaviour.FailsAfterItsCall && Volatile.Read(ref _called)))
        {
            await (stream ? WriteEventsAsync(context, ModelReplies.FailingStream(protocol)) : WriteJsonAsync(context, 529, ModelReplies.FailingBody(protocol)));
            return;
        }

        var turn = ModelTurn.For(protocol, request, body, $"{name}-opaque-reasoning", Volatile.Read(ref _reasoningOwed));
        if (turn is ModelTurn.Refusal refusal)
        {
            await WriteJsonAsync(context, 400, ModelReplies.ErrorBody(protocol, "invalid_request_error", refusal.Message));
            return;
        }

        if (turn.Thinks)
        {
            Reasoning = "given";
            Volatile.Write(ref _reasoningOwed, true);
        }
        else if (Volatile.Read(ref _reasoningOwed) && turn is ModelTurn.Text { Value: ModelTurn.Finished })
        {
            Reasoning = "brought back";
        }

        await (stream ? WriteEventsAsync(context, ModelReplies.Stream(protocol, turn, includeUsage)) : WriteJsonAsync(context, 200, ModelReplies.Whole(protocol, turn)));
        if (turn is ModelTurn.Calls)
        {
            Volatile.Write(ref _called, true);
        }
    }
}
