using System.Text.RegularExpressions;

namespace Gateway.Tests.Protocols;

/// <summary>Compares converted JSON with golden JSON, ignoring only the ids a conversion had to invent.</summary>
internal static partial class Golden
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Asserts structural equality after replacing invented ids (<c>msg_…</c>, <c>fc_…</c>, ...) by <c>prefix*</c>.</summary>
    public static void AssertEqual(string expected, JsonNode? actual)
    {
        var normalisedActual = Normalise(actual);
        var normalisedExpected = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(normalisedExpected, normalisedActual),
            $"Expected:\n{normalisedExpected?.ToJsonString()}\nActual:\n{normalisedActual?.ToJsonString()}");
    }

    public static JsonNode? Normalise(JsonNode? node) => JsonNode.Parse(InventedId().Replace(node?.ToJsonString() ?? "null", "\"$1*\""));

    /// <summary>Runs upstream SSE payloads through a stream converter, then ends the stream.</summary>
    public static List<SseEvent> Stream(IStreamConverter converter, IEnumerable<SseEvent> upstream, bool complete = true)
    {
        var output = new List<SseEvent>();
        foreach (var sse in upstream)
        {
            converter.Convert(sse, output);
        }

        if (complete)
        {
            converter.Complete(output);
        }

        return output;
    }

    /// <summary>Responses events as the upstream sends them: <c>event:</c> type plus a JSON payload.</summary>
    public static SseEvent ResponsesEvent(string json)
    {
        var payload = Parse(json);
        return new SseEvent(payload["type"]!.GetValue<string>(), payload.ToJsonString());
    }

    public static SseEvent Data(string json) => new(null, JsonNode.Parse(json)!.ToJsonString());

    [GeneratedRegex("\"(msg_|fc_|ctc_|tsc_|rs_|resp_|chatcmpl-|call_|toolu_)[0-9a-f]{32}\"")]
    private static partial Regex InventedId();
}
