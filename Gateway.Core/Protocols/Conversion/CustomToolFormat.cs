namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// The input format of a custom (freeform) tool: unconstrained text, or a grammar. Both APIs share the text format;
/// Responses puts a grammar's <c>syntax</c> and <c>definition</c> beside its type, Chat nests them under <c>grammar</c>.
/// </summary>
internal static class CustomToolFormat
{
    public static JsonNode? ToChat(JsonNode? responsesFormat) => responsesFormat is JsonObject format && format["type"].Str() == "grammar"
        ? new JsonObject
        {
            ["type"] = "grammar",
            ["grammar"] = new JsonObject { ["definition"] = format["definition"].Copy(), ["syntax"] = format["syntax"].Copy() },
        }
        : responsesFormat.Copy();

    public static JsonNode? ToResponses(JsonNode? chatFormat) => chatFormat is JsonObject format && format["grammar"] is JsonObject grammar
        ? new JsonObject { ["type"] = "grammar", ["syntax"] = grammar["syntax"].Copy(), ["definition"] = grammar["definition"].Copy() }
        : chatFormat.Copy();
}
