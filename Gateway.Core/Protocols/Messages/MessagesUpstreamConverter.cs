namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// A Chat Completions or Responses client served by an anthropic account: converted to Messages, a Responses client by way of
/// Chat through the Responses ↔ Chat converter (<paramref name="responsesToChat"/>), which also puts a stored conversation
/// before the input, echoes the request's settings and records the answer for later turns. Stateful per attempt: the Chat
/// request's <c>stream_options.include_usage</c> decides whether the converted stream ends with a usage chunk, and its custom
/// tools which calls come back as custom calls.
/// </summary>
/// <param name="responsesToChat">For a Responses client, its converter to Chat; null for a Chat client.</param>
/// <param name="defaultMaxTokens">Sent as <c>max_tokens</c>, which Anthropic requires, when the client named no limit.</param>
internal sealed class MessagesUpstreamConverter(IProtocolConverter? responsesToChat, string clientModel, TimeProvider time, int defaultMaxTokens) : IProtocolConverter
{
    private readonly List<string> _dropped = [];
    private readonly HashSet<string> _customTools = [];
    private bool _includeUsage;

    public ApiProtocol Inbound => responsesToChat?.Inbound ?? ApiProtocol.Chat;

    public ApiProtocol Upstream => ApiProtocol.Messages;

    public IReadOnlyList<string> DroppedTools => [.. responsesToChat?.DroppedTools ?? [], .. _dropped];

    public string? ClientResponseId => responsesToChat?.ClientResponseId;

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        var chat = responsesToChat?.ConvertRequest(clientRequest) ?? clientRequest;
        _includeUsage = chat["stream_options"].Obj()?["include_usage"].Bool() == true;
        _dropped.Clear();
        _customTools.Clear();
        return ChatRequestToMessages.Convert(chat, defaultMaxTokens, _dropped, _customTools);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse)
    {
        var chat = MessagesAnswerToChat.Convert(upstreamResponse, clientModel, _customTools, reasoningDetails: responsesToChat is not null, time);
        return responsesToChat?.ConvertResponse(chat) ?? chat;
    }

    public IStreamConverter CreateStreamConverter()
    {
        var toChat = new MessagesStreamToChat(clientModel, _includeUsage, _customTools, reasoningDetails: responsesToChat is not null, time);
        return responsesToChat is null ? toChat : new ChainedStreamConverter(toChat, responsesToChat.CreateStreamConverter());
    }
}
