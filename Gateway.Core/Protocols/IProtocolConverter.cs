namespace Gateway.Core.Protocols;

/// <summary>
/// Converts one attempt between the client's protocol (<see cref="Inbound"/>) and the upstream's
/// (<see cref="Upstream"/>): the request on the way out, the answer on the way back. The attempt loop
/// asks <see cref="IProtocolConverterFactory"/> for one per attempt when the two protocols differ;
/// same-protocol attempts are forwarded without conversion.
/// </summary>
public interface IProtocolConverter
{
    ApiProtocol Inbound { get; }

    ApiProtocol Upstream { get; }

    /// <summary>The upstream request body for a client request body (model already mapped by the caller).</summary>
    /// <exception cref="ConversionRejectedException">The request cannot be served by this upstream without losing its meaning.</exception>
    JsonObject ConvertRequest(JsonObject clientRequest);

    /// <summary>The hosted tools <see cref="ConvertRequest"/> left out because the upstream cannot run them (SPEC 5.3).</summary>
    IReadOnlyList<string> DroppedTools { get; }

    /// <summary>
    /// The id of the response the client received when the conversion gave it one of its own (a Responses answer made
    /// from a Chat answer), once an answer has been converted; the client continues the conversation by this id.
    /// </summary>
    string? ClientResponseId { get; }

    /// <summary>The client's non-stream answer for a complete upstream answer body.</summary>
    JsonObject ConvertResponse(JsonObject upstreamResponse);

    /// <summary>A fresh, stateful converter for one streamed answer.</summary>
    IStreamConverter CreateStreamConverter();
}

/// <summary>Converts a stream event by event as it arrives; never buffers the whole answer.</summary>
public interface IStreamConverter
{
    /// <summary>Converts one upstream event into zero or more client events, appended to <paramref name="output"/>.</summary>
    void Convert(SseEvent upstream, List<SseEvent> output);

    /// <summary>The upstream stream ended (with or without a terminator): append the closing client events.</summary>
    void Complete(List<SseEvent> output);
}

/// <summary>Creates the converter for one attempt whose upstream protocol differs from the client's.</summary>
public interface IProtocolConverterFactory
{
    /// <param name="inbound">The protocol the client spoke.</param>
    /// <param name="upstream">The protocol the attempt sends upstream.</param>
    /// <param name="context">The client's model, key and stored conversation, and the upstream's platform.</param>
    IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, ConversionContext context);
}
