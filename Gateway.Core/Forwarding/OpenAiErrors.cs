namespace Gateway.Core.Forwarding;

/// <summary>The gateway's errors in OpenAI's shape: <c>{"error":{"message","type","code"}}</c>, with <c>param</c> when a request field is at fault.</summary>
internal static class OpenAiErrors
{
    public static byte[] Body(string message, string type, string? code, string? param = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(message, type, code, param)), JsonNodes.Wire);

    private sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("param"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Param);
}
