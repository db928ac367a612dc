namespace Gateway.Soak;

/// <summary>
/// Checks one answer the client received against what the upstreams were asked: the exact text, the shape its protocol
/// requires (one role chunk, a finish reason and <c>[DONE]</c>; created … completed with contiguous sequence numbers; or
/// one message_start … message_stop with its stop reason), usage only when asked for, and not one byte of a failed
/// attempt. Returns what is wrong, or null.
/// </summary>
internal static class AnswerCheck
{
    /// <summary>Problems that are an error the client was told about (a failure), not a wrong answer (corruption).</summary>
    public const string ErrorChunk = "chat stream with an error chunk";
    public const string FailureEvent = "responses stream with a failure event";
    public const string ErrorEvent = "messages stream with an error event";

    public static string? Verify(SoakRequest request, string body)
    {
        var expected = Answers.Text(request.Nonce);
        try
        {
            if (request.Stream && ReportsFailure(request.Protocol, Sse.Read(body)) is { } failure)
            {
                return failure;
            }

            if (body.Contains(Answers.Doomed, StringComparison.Ordinal))
            {
                return "bytes of a failed attempt reached the client";
            }

            if (ModelsNamed(request, body).FirstOrDefault(m => m != Answers.Model) is { } other)
            {
                return $"the answer names the model {other}, not the client's";
            }

            return (request.Protocol, request.Stream) switch
            {
                (Protocol.Chat, false) => Expect(JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>() == expected, "wrong chat text"),
                (Protocol.Chat, true) => VerifyChatStream(Sse.Read(body), expected, request.IncludeUsage),
                (Protocol.Responses, false) => VerifyResponsesAnswer(JsonNode.Parse(body)!.AsObject(), expected),
                (Protocol.Responses, true) => VerifyResponsesStream(Sse.Read(body), expected),
                (_, false) => VerifyMessagesAnswer(JsonNode.Parse(body)!.AsObject(), expected),
                (_, true) => VerifyMessagesStream(Sse.Read(body), expected),
            };
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            return $"unreadable answer ({ex.GetType().Name})";
        }
    }

    /// <summary>
    /// The model names the answer holds where its protocol names the model: a whole answer's top-level one; each Chat
    /// chunk's; the response's, in the Responses events that carry it; the message's, in a Messages message_start.
    /// </summary>
    private static IEnumerable<string> ModelsNamed(SoakRequest request, string body)
    {
        IEnumerable<JsonObject> payloads = request.Stream
            ? Sse.Read(body).Where(e => e.Data != "[DONE]").Select(e => JsonNode.Parse(e.Data)!.AsObject())
            : [JsonNode.Parse(body)!.AsObject()];
        return payloads.Select(p => (request.Stream, request.Protocol) switch
        {
            (false, _) or (true, Protocol.Chat) => p["model"],
            (true, Protocol.Responses) => p["response"]?["model"],
            _ => p["message"]?["model"],
        }).OfType<JsonNode>().Select(n => n.GetValue<string>());
    }

    /// <summary>An error the stream told the client about: a Chat error chunk, a Responses <c>error</c> or <c>response.failed</c>, a Messages <c>error</c>.</summary>
    private static string? ReportsFailure(Protocol protocol, List<(string? Type, string Data)> events) => protocol switch
    {
        Protocol.Chat => Expect(!events.Any(e => e.Data.StartsWith("{\"error\"", StringComparison.Ordinal)), ErrorChunk),
        Protocol.Responses => Expect(!events.Any(e => e.Type is "error" or "response.failed"), FailureEvent),
        _ => Expect(!events.Any(e => e.Type is "error"), ErrorEvent),
    };

    private static string? VerifyResponsesAnswer(JsonObject answer, string expected) =>
        answer["status"]?.GetValue<string>() != "completed" ? "response not completed"
        : Expect(answer["output"]![0]!["content"]![0]!["text"]!.GetValue<string>() == expected, "wrong responses text");

    private static string? VerifyChatStream(List<(string? Type, string Data)> events, string expected, bool includeUsage)
    {
        if (events.Count == 0 || events[^1].Data != "[DONE]")
        {
            return "chat stream without [DONE]";
        }

        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        var deltas = chunks.Where(c => c["choices"] is JsonArray { Count: > 0 }).Select(c => c["choices"]![0]!).ToList();
        return deltas.FirstOrDefault()?["delta"]?["role"]?.GetValue<string>() != "assistant" ? "chat stream not opened by the role"
            : deltas.Count(d => d["delta"]?["role"] is not null) != 1 ? "chat stream with more than one role chunk"
            : string.Concat(deltas.Select(d => d["delta"]?["content"]?.GetValue<string>())) != expected ? "wrong chat stream text"
            : deltas.Count(d => d["finish_reason"]?.GetValue<string>() is not null) != 1 || deltas[^1]["finish_reason"]?.GetValue<string>() != "stop" ? "chat stream without one finish reason"
            : chunks.Select(c => c["id"]?.GetValue<string>()).Distinct().Count() != 1 ? "chat stream mixing ids"
            : chunks.Count(c => c["usage"] is JsonObject) != (includeUsage ? 1 : 0) ? "chat stream usage chunk not as asked"
            : null;
    }

    private static string? VerifyResponsesStream(List<(string? Type, string Data)> events, string expected)
    {
        var payloads = events.Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        var types = payloads.Select(p => p["type"]!.GetValue<string>()).ToList();
        var completed = payloads.LastOrDefault()?["response"];
        return types.FirstOrDefault() != "response.created" || types.Count(t => t == "response.created") != 1 ? "responses stream not opened by one response.created"
            : !payloads.Select(p => p["sequence_number"]!.GetValue<int>()).SequenceEqual(Enumerable.Range(0, payloads.Count)) ? "responses stream with broken sequence numbers"
            : events.Zip(types).Any(pair => pair.First.Type != pair.Second) ? "responses event names differ from their types"
            : string.Concat(payloads.Where(p => p["type"]!.GetValue<string>() == "response.output_text.delta").Select(p => p["delta"]!.GetValue<string>())) != expected ? "wrong responses stream text"
            : types[^1] != "response.completed" ? "responses stream not ended by response.completed"
            : completed?["id"]?.GetValue<string>() != payloads[0]["response"]?["id"]?.GetValue<string>() ? "responses stream mixing response ids"
            : Expect(completed?["output"]?[0]?["content"]?[0]?["text"]?.GetValue<string>() == expected, "wrong text in response.completed");
    }

    private static string? VerifyMessagesAnswer(JsonObject answer, string expected) =>
        answer["type"]?.GetValue<string>() != "message" || answer["stop_reason"]?.GetValue<string>() != "end_turn" ? "message not ended by end_turn"
        : Expect(string.Concat(answer["content"]!.AsArray().Select(b => b!["text"]?.GetValue<string>())) == expected, "wrong messages text");

    private static string? VerifyMessagesStream(List<(string? Type, string Data)> events, string expected)
    {
        var payloads = events.Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        var types = payloads.Select(p => p["type"]!.GetValue<string>()).ToList();
        var text = payloads.Where(p => p["delta"]?["type"]?.GetValue<string>() == "text_delta").Select(p => p["delta"]!["text"]!.GetValue<string>());
        return types.FirstOrDefault() != "message_start" || types.Count(t => t == "message_start") != 1 ? "messages stream not opened by one message_start"
            : events.Zip(types).Any(pair => pair.First.Type != pair.Second) ? "messages event names differ from their types"
            : string.Concat(text) != expected ? "wrong messages stream text"
            : payloads.Count(p => p["type"]!.GetValue<string>() == "message_delta" && p["delta"]?["stop_reason"]?.GetValue<string>() == "end_turn") != 1 ? "messages stream without one end_turn"
            : Expect(types[^1] == "message_stop", "messages stream not ended by message_stop");
    }

    private static string? Expect(bool ok, string problem) => ok ? null : problem;
}

/// <summary>A minimal SSE reader for whole bodies: each event's type and data.</summary>
internal static class Sse
{
    public static List<(string? Type, string Data)> Read(string body)
    {
        var events = new List<(string?, string)>();
        foreach (var block in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? type = null;
            var data = new List<string>();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line[6..].TrimStart();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Add(line[5..].TrimStart());
                }
            }

            if (data.Count > 0)
            {
                events.Add((type, string.Join('\n', data)));
            }
        }

        return events;
    }
}
