namespace Gateway.Core.Forwarding;

/// <summary>The gateway's errors in OpenAI's shape: <c>{"error":{"message","type","code"}}</c>.</summary>
internal static class OpenAiErrors
{
    public static byte[] Body(string message, string type, string? code) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(message, type, code)), JsonNodes.Wire);

    private sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("code")] string? Code);
}
