using System.Net;
using Gateway.Tests.Protocols;
using Gateway.Tests.Protocols.Messages;

namespace Gateway.Tests.Security;

/// <summary>
/// SPEC 9, bad input: every member and element of a full request of each protocol, replaced in turn by a value of each
/// other JSON kind, and sent to an account of each protocol. The gateway answers either as it would a valid request or
/// with a 4xx in the client's protocol: never a 500, whatever the same-protocol rewrites, the history repairs or the
/// conversions expected to find there.
/// </summary>
public sealed class MalformedMemberTests
{
    private const string ResponsesCountPath = "/v1/responses/input_tokens";
    private const string MessagesCountPath = "/v1/messages/count_tokens";

    private static readonly JsonNode?[] Kinds = [JsonValue.Create(7), JsonValue.Create("x"), new JsonArray(), new JsonObject(), null, JsonValue.Create(true)];

    public static TheoryData<string, string, bool> Pairs()
    {
        var pairs = new TheoryData<string, string, bool>();
        foreach (var path in new[] { EngineHarness.ChatPath, EngineHarness.ResponsesPath, EngineHarness.MessagesPath })
        {
            foreach (var account in new[] { "chat", "responses", "anthropic" })
            {
                pairs.Add(path, account, false);
                pairs.Add(path, account, true);
            }
        }

        // The token counts: the upstream's own count where the account speaks the protocol, else the gateway's.
        foreach (var account in new[] { "chat", "responses", "anthropic" })
        {
            pairs.Add(ResponsesCountPath, account, false);
            pairs.Add(MessagesCountPath, account, false);
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryMemberOfAnotherKind_GetsAnAnswerOrA4xxInTheClientsProtocol_NeverA500(string path, string account, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = account switch
        {
            "chat" => await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat),
            "responses" => await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses),
            _ => await gateway.AddAccountAsync("anthropic", i => i with { Platform = AccountPlatform.Anthropic }),
        };
        upstream.On(EngineHarness.ChatPath, stream ? UpstreamReply.ChatStream(["o", "k"]) : UpstreamReply.ChatCompletion("ok"));
        upstream.On(EngineHarness.ResponsesPath, stream ? UpstreamReply.ResponsesStream(["o", "k"]) : UpstreamReply.ResponsesAnswer("ok"));
        upstream.On(EngineHarness.MessagesPath, stream ? AnthropicReplies.TextStream("o", "k") : AnthropicReplies.Message("end_turn", AnthropicReplies.Text("ok")));
        upstream.On(ResponsesCountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":1}"""));
        upstream.On(MessagesCountPath, UpstreamReply.Json("""{"input_tokens":1}"""));
        var request = FullRequest(path, stream);

        var failures = new List<string>();
        // A null stream asks for one JSON answer, which the streaming scripts do not give.
        foreach (var (where, body) in Variants(request).Where(v => !(stream && v.Where == "$.stream = null")))
        {
            var response = await gateway.PostAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK ? !IsWholeAnswer(path, stream, text) : (int)response.StatusCode >= 500 || !IsClientError(path, text))
            {
                failures.Add($"{where}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static JsonObject FullRequest(string path, bool stream)
    {
        var request = Golden.Parse(path switch
        {
            EngineHarness.ChatPath => ChatToResponsesRequestTests.FullChatRequest,
            EngineHarness.ResponsesPath or ResponsesCountPath => ParameterTableTests.CodexRequest,
            _ => MessagesRequestToChatTests.FullMessagesRequest,
        });
        request["stream"] = stream;
        return request;
    }

    /// <summary>The request with one member or element replaced by a value of another kind, for each of them and each kind.</summary>
    private static IEnumerable<(string Where, string Body)> Variants(JsonObject request)
    {
        var nodes = Descendants(request).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var kind in Kinds.Where(k => k?.GetValueKind() != nodes[i].GetValueKind()))
            {
                // The copy's nodes come in the same order as the original's.
                var copy = (JsonObject)request.DeepClone();
                Replace(Descendants(copy).ElementAt(i), kind?.DeepClone());
                yield return ($"{nodes[i].GetPath()} = {kind?.ToJsonString() ?? "null"}", copy.ToJsonString());
            }
        }
    }

    /// <summary>Every member value and element below <paramref name="node"/> but JSON nulls, depth first.</summary>
    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = value;
                break;
        }
    }

    /// <summary>An answer of the client's protocol that ended as it should: a stream with its closing event.</summary>
    private static bool IsWholeAnswer(string path, bool stream, string body) => stream
        ? body.Contains(path switch
        {
            EngineHarness.ChatPath => "data: [DONE]",
            EngineHarness.ResponsesPath => "event: response.completed",
            _ => "event: message_stop",
        }, StringComparison.Ordinal)
        : JsonNode.Parse(body) is JsonObject answer && answer["error"] is null && answer["type"]?.GetValue<string>() != "error";

    private static bool IsClientError(string path, string body)
    {
        var json = JsonNode.Parse(body) as JsonObject;
        return path.StartsWith(EngineHarness.MessagesPath, StringComparison.Ordinal)
            ? json?["type"]?.GetValue<string>() == "error" && json["error"]?["message"] is JsonValue
            : json?["error"]?["message"] is JsonValue;
    }
}
