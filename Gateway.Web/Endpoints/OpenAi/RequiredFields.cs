namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The fields an answer endpoint cannot do without besides <c>model</c>: Chat Completions' <c>messages</c>, Anthropic
/// Messages' <c>messages</c> and <c>max_tokens</c>. An upstream of the client's own protocol refuses a request without
/// them; one the request is converted for might not (Chat has no required <c>max_tokens</c>, a Responses request may
/// have no input), so the gateway refuses it itself, the same on every account, in the client's error shape.
/// </summary>
internal static class RequiredFields
{
    /// <summary>The complaint about the first missing or mistyped field, or null when the request has them all.</summary>
    public static (string Message, string Code)? Check(ApiProtocol inbound, JsonElement body) => inbound switch
    {
        ApiProtocol.Chat => Require(body, "messages", JsonValueKind.Array),
        ApiProtocol.Messages => Require(body, "messages", JsonValueKind.Array) ?? Require(body, "max_tokens", JsonValueKind.Number),
        _ => null,
    };

    private static (string Message, string Code)? Require(JsonElement body, string name, JsonValueKind kind) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? ($"Missing required parameter: '{name}'.", "missing_required_parameter")
        : value.ValueKind != kind || (kind == JsonValueKind.Number && !value.TryGetInt64(out _))
            ? ($"Invalid type for '{name}': expected {(kind == JsonValueKind.Array ? "an array" : "an integer")}.", "invalid_type")
        : null;
}
