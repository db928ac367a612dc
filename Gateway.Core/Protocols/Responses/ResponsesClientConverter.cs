namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// A Responses client served by a Chat Completions upstream. Stateful per attempt: the request's settings are echoed
/// in the converted response objects, as the Responses API does; the stored conversation it continues is put before its
/// input; custom tools go to an OpenAI-compatible provider as function tools and a namespace's tools go up flat, their
/// calls coming back as the client named them (<see cref="ChatToolNames"/>); and the answered response is recorded for later turns unless the client said
/// <c>store: false</c>.
/// </summary>
/// <param name="toMessages">
/// The Chat request goes on to a Messages upstream (<see cref="Messages.MessagesUpstreamConverter"/>): the reasoning items
/// of the input keep Anthropic's signed thinking for it, and its answer's come back as reasoning items (<see cref="ReasoningDetails"/>).
/// </param>
internal sealed class ResponsesClientConverter(ConversionContext context, IResponseRecorder recorder, TimeProvider time, bool toMessages) : IProtocolConverter
{
    private readonly List<string> _dropped = [];
    private readonly ChatToolNames _toolNames = new();
    private JsonObject _request = [];
    private JsonArray _ownInput = [];

    public ApiProtocol Inbound => ApiProtocol.Responses;

    public ApiProtocol Upstream => ApiProtocol.Chat;

    public IReadOnlyList<string> DroppedTools => _dropped;

    public string? ClientResponseId { get; private set; }

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        _request = clientRequest;
        _dropped.Clear();
        _ownInput = ConversationInput.OwnItems(clientRequest["input"], context.Conversation);
        var history = ConversationInput.Previous(clientRequest["previous_response_id"].Str(), context.Conversation);
        var items = history.Concat(_ownInput.OfType<JsonObject>());
        _toolNames.Clear();

        // OpenAI's Chat API takes custom tools; other providers take function tools only. (An anthropic account gets its own
        // conversion of them after this one.)
        var customAsFunctions = context.UpstreamPlatform == AccountPlatform.OpenAiCompatible;
        return ResponsesRequestToChat.Convert(clientRequest, items, context.UpstreamPlatform == AccountPlatform.OpenAi, _dropped, _toolNames, customAsFunctions, reasoningDetails: toMessages);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse)
    {
        var response = ChatAnswerToResponses.Convert(upstreamResponse, NewEnvelope(), _toolNames, reasoningDetails: toMessages);
        Record(response);
        return response;
    }

    public IStreamConverter CreateStreamConverter() => new ChatStreamToResponses(NewEnvelope(), _toolNames, Record, reasoningDetails: toMessages);

    private ResponseEnvelope NewEnvelope()
    {
        var envelope = new ResponseEnvelope(context.ClientModel, time.GetUtcNow().ToUnixTimeSeconds());
        envelope.EchoRequest(_request);
        ClientResponseId = envelope.Id;
        return envelope;
    }

    private void Record(JsonObject response)
    {
        if (_request["store"].Bool() != false && response["id"].Str() is { } id && response["output"] is JsonArray output)
        {
            recorder.Record(new ConversationTurn(context.KeyId, id, _ownInput, output) { Continues = context.Conversation, Response = response });
        }
    }
}
