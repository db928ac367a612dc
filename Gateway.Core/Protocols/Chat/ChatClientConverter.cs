namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// A Chat Completions client served by a Responses upstream. Stateful per attempt: the request's
/// <c>stream_options.include_usage</c> decides whether the converted stream ends with a usage chunk, and its
/// <c>stop</c> (which the Responses API lacks) is applied to the answer on the way back.
/// </summary>
/// <param name="reasoningDetails">
/// Keep the answer's encrypted reasoning as <see cref="ReasoningDetails"/>, for a client of another protocol than Chat
/// (a Messages client, converted one step further); a Chat client gets only the readable reasoning.
/// </param>
internal sealed class ChatClientConverter(string clientModel, TimeProvider time, bool reasoningDetails) : IProtocolConverter
{
    private readonly List<string> _dropped = [];
    private bool _includeUsage;
    private JsonNode? _stop;

    public ApiProtocol Inbound => ApiProtocol.Chat;

    public ApiProtocol Upstream => ApiProtocol.Responses;

    public IReadOnlyList<string> DroppedTools => _dropped;

    // Chat clients name no earlier response.
    public string? ClientResponseId => null;

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        _includeUsage = clientRequest["stream_options"].Obj()?["include_usage"].Bool() == true;
        _stop = clientRequest["stop"]?.DeepClone();
        _dropped.Clear();
        return ChatRequestToResponses.Convert(clientRequest, _dropped);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse) => ResponsesAnswerToChat.Convert(upstreamResponse, clientModel, StopSequences.From(_stop), reasoningDetails, time);

    public IStreamConverter CreateStreamConverter() => new ResponsesStreamToChat(clientModel, _includeUsage, StopSequences.From(_stop), reasoningDetails, time);
}
