namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// A client request that cannot be converted for the attempt's upstream without losing what it means (an unknown
/// <c>previous_response_id</c> or item reference for a Chat upstream): the attempt answers 400 in OpenAI's shape instead
/// of sending a request that silently drops part of the conversation.
/// </summary>
public sealed class ConversionRejectedException(string message, string code, string param) : Exception(message)
{
    /// <summary>OpenAI's error code, e.g. <c>previous_response_not_found</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The request field at fault.</summary>
    public string Param { get; } = param;

    public static ConversionRejectedException PreviousResponseNotFound(string id) =>
        new($"Previous response with id '{id}' not found.", "previous_response_not_found", "previous_response_id");

    public static ConversionRejectedException ItemNotFound(string id) =>
        new($"Item with id '{id}' not found.", "item_not_found", "input");
}
