namespace Gateway.Core.Protocols.Conversion;

/// <summary>Creates the converter for one attempt: Chat ↔ Responses, and Anthropic Messages ↔ either of them.</summary>
internal sealed class ProtocolConverterFactory(IResponseRecorder recorder, TimeProvider time, IOptionsMonitor<GatewayOptions> options) : IProtocolConverterFactory
{
    public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, ConversionContext context) => (inbound, upstream) switch
    {
        (ApiProtocol.Chat, ApiProtocol.Responses) => new ChatClientConverter(context.ClientModel, time, reasoningDetails: false),
        (ApiProtocol.Responses, ApiProtocol.Chat) => new ResponsesClientConverter(context, recorder, time, toMessages: false),
        (ApiProtocol.Messages, ApiProtocol.Chat or ApiProtocol.Responses) => new MessagesClientConverter(upstream, context, time),
        (ApiProtocol.Chat, ApiProtocol.Messages) => new MessagesUpstreamConverter(null, context.ClientModel, time, options.CurrentValue.MessagesDefaultMaxTokens),
        (ApiProtocol.Responses, ApiProtocol.Messages) => new MessagesUpstreamConverter(
            new ResponsesClientConverter(context, recorder, time, toMessages: true), context.ClientModel, time, options.CurrentValue.MessagesDefaultMaxTokens),
        _ => throw new ArgumentException($"No conversion is needed from {inbound} to {upstream}: same-protocol attempts are forwarded unchanged."),
    };
}
