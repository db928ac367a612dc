namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// A Messages client served by an OpenAI(-compatible) upstream: converted to Chat Completions, and for a Responses upstream
/// on through the Chat ↔ Responses converter, so every field either conversion knows survives. Responses has no stop
/// parameter, so for it the stop sequences are applied here instead of one step further, where the sequence that matched
/// is known for <c>stop_reason: "stop_sequence"</c>; thinking asks a Responses upstream for reasoning summaries, which are
/// what the thinking blocks show, and for the reasoning's encrypted content, which the blocks carry in their signatures
/// (<see cref="ReasoningDetails"/>) so that the next turn gives the upstream its reasoning back under <c>store: false</c>.
/// </summary>
internal sealed class MessagesClientConverter(ApiProtocol upstream, ConversionContext context, TimeProvider time) : IProtocolConverter
{
    private readonly ChatClientConverter? _chatToResponses = upstream == ApiProtocol.Responses ? new ChatClientConverter(context.ClientModel, time, reasoningDetails: true) : null;
    private readonly List<string> _dropped = [];
    private JsonNode? _stop;

    public ApiProtocol Inbound => ApiProtocol.Messages;

    public ApiProtocol Upstream => upstream;

    public IReadOnlyList<string> DroppedTools => _dropped;

    // Messages clients name no earlier response.
    public string? ClientResponseId => null;

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        _dropped.Clear();
        var chat = MessagesRequestToChat.Convert(
            clientRequest, _chatToResponses is null && context.UpstreamPlatform == AccountPlatform.OpenAi, reasoningDetails: _chatToResponses is not null, _dropped);
        if (_chatToResponses is null)
        {
            return chat;
        }

        _stop = chat["stop"]?.DeepClone();
        chat.Remove("stop");
        var responses = _chatToResponses.ConvertRequest(chat);
        if (responses["reasoning"] is JsonObject reasoning)
        {
            reasoning["summary"] ??= "auto";

            // The Chat step carries no include of its own (Chat has none).
            responses["include"] = new JsonArray("reasoning.encrypted_content");
        }

        return responses;
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse) =>
        ChatAnswerToMessages.Convert(
            _chatToResponses?.ConvertResponse(upstreamResponse) ?? upstreamResponse, context.ClientModel, StopSequences.From(_stop), reasoningDetails: _chatToResponses is not null);

    public IStreamConverter CreateStreamConverter()
    {
        var toMessages = new ChatStreamToMessages(context.ClientModel, StopSequences.From(_stop), reasoningDetails: _chatToResponses is not null);
        return _chatToResponses is null ? toMessages : new ChainedStreamConverter(_chatToResponses.CreateStreamConverter(), toMessages);
    }
}
