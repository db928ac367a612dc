using System.Text.Json.Nodes;
using Gateway.Core.Accounts;

namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// A Responses client served by a Chat Completions upstream. Stateful per attempt: the request's settings
/// are echoed in the converted response objects, as the Responses API does.
/// </summary>
internal sealed class ResponsesClientConverter(string clientModel, TimeProvider time) : IProtocolConverter
{
    private JsonObject _request = [];

    public ApiProtocol Inbound => ApiProtocol.Responses;

    public ApiProtocol Upstream => ApiProtocol.Chat;

    public JsonObject ConvertRequest(JsonObject clientRequest)
    {
        _request = clientRequest;
        return ResponsesRequestToChat.Convert(clientRequest);
    }

    public JsonObject ConvertResponse(JsonObject upstreamResponse) => ChatAnswerToResponses.Convert(upstreamResponse, NewEnvelope());

    public IStreamConverter CreateStreamConverter() => new ChatStreamToResponses(NewEnvelope());

    private ResponseEnvelope NewEnvelope()
    {
        var envelope = new ResponseEnvelope(clientModel, time.GetUtcNow().ToUnixTimeSeconds());
        envelope.EchoRequest(_request);
        return envelope;
    }
}
