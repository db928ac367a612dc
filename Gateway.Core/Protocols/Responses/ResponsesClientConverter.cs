namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// A Responses client served by a Chat Completions upstream. Stateful per attempt: the request's settings are echoed
/// in the converted response objects, as the Responses API does; the stored conversation it continues is put before its
/// input; custom tools go to an OpenAI-compatible provider as function tools and their calls come back as custom calls
/// (<see cref="CustomTools"/>); and the answered response is recorded for later turns unless the client said
/// <c>store: false</c>.
/// </summary>
internal sealed class ResponsesClientConverter(ConversionContext context, IResponseRecorder recorder, TimeProvider time) : IProtocolConverter
{
    private readonly List<string> _dropped = [];
    private readonly HashSet<string> _customAsFunctions = [];
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
        _customAsFunctions.Clear();

        // OpenAI's Chat API takes custom tools; other providers take function tools only. (An anthropic account gets its own
        // conversion of them after this one.)
        var customAsFunctions = context.UpstreamPlatform == AccountPlatform.OpenAiCompatible ? _customAsFunctions : null;
        return ResponsesRequestToChat.Convert(clientRequest, items, context.UpstreamPlatform == AccountPlatform.OpenAi, _dropped, customAsFunctions);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse)
    {
        var response = ChatAnswerToResponses.Convert(upstreamResponse, NewEnvelope(), _customAsFunctions);
        Record(response);
        return response;
    }

    public IStreamConverter CreateStreamConverter() => new ChatStreamToResponses(NewEnvelope(), _customAsFunctions, Record);

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
            recorder.Record(new ConversationTurn(context.KeyId, id, _ownInput, output) { Continues = context.Conversation });
        }
    }
}
