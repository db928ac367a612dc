using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Protocols.Conversion;
using Gateway.Core.Protocols.Responses;

namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// A Chat Completions or Responses client served by an anthropic account: converted to Messages, a Responses client by way of
/// Chat through the Responses ↔ Chat converter (which echoes its settings in the response objects). Stateful per attempt:
/// the Chat request's <c>stream_options.include_usage</c> decides whether the converted stream ends with a usage chunk.
/// </summary>
/// <param name="defaultMaxTokens">Sent as <c>max_tokens</c>, which Anthropic requires, when the client named no limit.</param>
internal sealed class MessagesUpstreamConverter(ApiProtocol inbound, string clientModel, TimeProvider time, int defaultMaxTokens) : IProtocolConverter
{
    private readonly ResponsesClientConverter? _responsesToChat = inbound == ApiProtocol.Responses ? new ResponsesClientConverter(clientModel, time) : null;
    private bool _includeUsage;

    public ApiProtocol Inbound => inbound;

    public ApiProtocol Upstream => ApiProtocol.Messages;

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        var chat = _responsesToChat?.ConvertRequest(clientRequest) ?? clientRequest;
        _includeUsage = chat["stream_options"]?["include_usage"].Bool() == true;
        return ChatRequestToMessages.Convert(chat, defaultMaxTokens);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse)
    {
        var chat = MessagesAnswerToChat.Convert(upstreamResponse, clientModel, time);
        return _responsesToChat?.ConvertResponse(chat) ?? chat;
    }

    public IStreamConverter CreateStreamConverter()
    {
        var toChat = new MessagesStreamToChat(clientModel, _includeUsage, time);
        return _responsesToChat is null ? toChat : new ChainedStreamConverter(toChat, _responsesToChat.CreateStreamConverter());
    }
}
