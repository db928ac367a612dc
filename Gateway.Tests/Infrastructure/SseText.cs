namespace Gateway.Tests.Infrastructure;

/// <summary>Reads an SSE body as a client received it: its data payloads, event types, and the text they carry.</summary>
public static class SseText
{
    public static IEnumerable<string> DataLines(string body) =>
        body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]);

    public static IEnumerable<string> EventTypes(string body) =>
        body.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]);

    /// <summary>Every JSON payload, in order (<c>[DONE]</c> left out).</summary>
    public static List<JsonObject> Payloads(string body) =>
        [.. DataLines(body).Where(d => d != "[DONE]").Select(d => JsonNode.Parse(d)!.AsObject())];

    /// <summary>The content deltas of a Chat Completions stream.</summary>
    public static IEnumerable<string> ChatDeltas(string body) =>
        Payloads(body)
            .Where(n => n["choices"] is JsonArray { Count: > 0 })
            .Select(n => n["choices"]![0]!["delta"]?["content"]?.GetValue<string>() ?? "");

    /// <summary>The text deltas of a Responses stream.</summary>
    public static IEnumerable<string> ResponsesDeltas(string body) =>
        Payloads(body).Where(n => n["type"]?.GetValue<string>() == "response.output_text.delta").Select(n => n["delta"]!.GetValue<string>());
}
