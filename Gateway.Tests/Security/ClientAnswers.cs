using System.Net;

namespace Gateway.Tests.Security;

/// <summary>What the malformed-input tests accept from the gateway: a whole answer, or an error, in the client's protocol.</summary>
internal static class ClientAnswers
{
    public static readonly ApiProtocol[] Protocols = [ApiProtocol.Chat, ApiProtocol.Responses, ApiProtocol.Messages];

    /// <summary>Theory rows of what is sent, to an account of which protocol, and whether streamed.</summary>
    public static TheoryData<T, ApiProtocol, bool> Rows<T>(IEnumerable<(T Sent, ApiProtocol Account, bool Stream)> rows)
    {
        var data = new TheoryData<T, ApiProtocol, bool>();
        foreach (var (sent, account, stream) in rows)
        {
            data.Add(sent, account, stream);
        }

        return data;
    }

    /// <summary>
    /// What a malformed-input test accepts for one variant: a whole answer, or an error in the client's protocol. A server
    /// error is the gateway's own fault, but for a 502, 503 or the like when <paramref name="upstreamMayFail"/> (the
    /// upstream's own answer was malformed, so its attempt may fairly have failed); a 500 never is.
    /// </summary>
    public static bool IsAccepted(ApiProtocol client, bool stream, HttpStatusCode status, string body, bool upstreamMayFail) =>
        status == HttpStatusCode.OK
            ? IsWhole(client, stream, body)
            : (upstreamMayFail ? status != HttpStatusCode.InternalServerError : (int)status < 500) && IsError(client, body);

    /// <summary>
    /// A whole JSON answer that is no error, or a stream that ended with its protocol's closing event or, failing after it
    /// began, with its protocol's error event.
    /// </summary>
    public static bool IsWhole(ApiProtocol client, bool stream, string body) => stream
        ? body.Contains(client switch
        {
            ApiProtocol.Chat => "data: [DONE]",
            ApiProtocol.Responses => "event: response.completed",
            _ => "event: message_stop",
        }, StringComparison.Ordinal) || EndsInError(client, body)
        : JsonNode.Parse(body) is JsonObject answer && answer["error"] is null && Text(answer["type"]) != "error";

    /// <summary>An error body in the client's protocol.</summary>
    public static bool IsError(ApiProtocol client, string body) => IsError(client, JsonNode.Parse(body) as JsonObject);

    /// <summary>A stream ended by its protocol's error event.</summary>
    public static bool EndsInError(ApiProtocol client, string body)
    {
        var last = body.TrimEnd().Split("\n\n").Last();
        var data = last.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).LastOrDefault();
        var json = data is null ? null : JsonNode.Parse(data) as JsonObject;
        return client == ApiProtocol.Responses ? Text(json?["type"]) is "error" or "response.failed" : IsError(client, json);
    }

    private static bool IsError(ApiProtocol client, JsonObject? json) =>
        (client != ApiProtocol.Messages || Text(json?["type"]) == "error") && json?["error"] is JsonObject error && error["message"] is JsonValue;

    // The answers read here may hold anything where a string belongs.
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
