using System.Net;

namespace Gateway.Tests.Protocols;

/// <summary>
/// The conversion layer alone, as an <see cref="HttpMessageHandler"/> for the official SDK: converts the
/// client's request to the other protocol, asks a scripted upstream, and converts its answer (JSON or SSE)
/// back, so SDK parsing of converted answers is checked without the forwarding engine.
/// </summary>
internal sealed class ConvertingHandler(IProtocolConverterFactory factory, Func<JsonObject, ScriptedAnswer> upstream) : HttpMessageHandler
{
    public List<JsonObject> UpstreamRequests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var inbound = request.RequestUri!.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) ? ApiProtocol.Chat : ApiProtocol.Responses;
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var converter = factory.Create(inbound, inbound == ApiProtocol.Chat ? ApiProtocol.Responses : ApiProtocol.Chat, new ConversionContext(body["model"]!.GetValue<string>()));
        var upstreamRequest = converter.ConvertRequest(body);
        UpstreamRequests.Add(upstreamRequest);
        var answer = upstream(upstreamRequest);
        if (answer.Events is null)
        {
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(converter.ConvertResponse(JsonNode.Parse(answer.Json!)!.AsObject()).ToJsonString(), Encoding.UTF8, "application/json"),
            };
        }

        var stream = converter.CreateStreamConverter();
        var output = new List<SseEvent>();
        foreach (var data in answer.Events)
        {
            var type = data == SseEvent.Done.Data ? null : JsonNode.Parse(data)!["type"]?.GetValue<string>();
            stream.Convert(new SseEvent(type, data), output);
        }

        stream.Complete(output);
        var wire = new StringBuilder();
        foreach (var sse in output)
        {
            if (sse.EventType is not null)
            {
                wire.Append("event: ").Append(sse.EventType).Append('\n');
            }

            wire.Append("data: ").Append(sse.Data).Append("\n\n");
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(wire.ToString(), Encoding.UTF8, "text/event-stream") };
    }
}

/// <summary>What the scripted upstream answers: a JSON body, or SSE <c>data:</c> payloads.</summary>
internal sealed record ScriptedAnswer(string? Json, IReadOnlyList<string>? Events)
{
    public static ScriptedAnswer Body(string json) => new(json, null);

    public static ScriptedAnswer Stream(params string[] events) => new(null, events);
}
