namespace Gateway.Tests.Protocols;

public sealed class ResponsesEventHeadTests
{
    [Theory]
    [InlineData("""{"type":"response.output_text.delta","item_id":"m","delta":"Hi","logprobs":[]}""", "response.output_text.delta", "Hi")]
    [InlineData("""{"type":"response.function_call_arguments.delta","delta":"{\"a\""}""", "response.function_call_arguments.delta", "{\"a\"")]
    [InlineData("""{"response":{"id":"r"},"type":"response.completed"}""", "response.completed", null)]
    [InlineData("""{"type":"response.completed","response":{"id":""", "response.completed", null)]
    [InlineData("""{"type":"response.output_text.done","text":"Hi""", "response.output_text.done", null)]
    [InlineData("""{"delta":"Hi"}""", "response.output_text.delta", "Hi")]
    [InlineData("""{"type":"response.output_text.delta","delta":5}""", "response.output_text.delta", null)]
    public void ReadUpToType_ReadsADeltaWhole_AndAnyOtherEventOnlyUpToItsType(string data, string type, string? delta)
    {
        var sse = new SseEvent("response.output_text.delta", data);

        var head = ResponsesEventHead.ReadUpToType(sse)!.Value;

        Assert.Equal((type, delta), (head.Type, head.Delta(sse)));
    }

    [Theory]
    [InlineData("""{"type":"response.output_text.delta","delta":"caf\u00e9 \"x\"\n"}""", "\"caf\\u00e9 \\\"x\\\"\\n\"", "caf\u00e9 \"x\"\n")]
    [InlineData("""{"type":"response.output_text.delta","delta":""}""", "\"\"", "")]
    [InlineData("""{"type":"response.output_text.delta"}""", "", null)]
    public void ADelta_IsKeptAsTheJsonStringItArrivedAs_AndDecodedOnlyWhenAsked(string data, string json, string? decoded)
    {
        var sse = new SseEvent(null, data);

        var head = ResponsesEventHead.ReadUpToType(sse)!.Value;

        Assert.Equal(json, Encoding.UTF8.GetString(head.DeltaJson(sse)));
        Assert.Equal(decoded, head.Delta(sse));
        Assert.Equal(decoded == "", head.HasEmptyDelta);
    }

    [Theory]
    [InlineData("""{"type":"response.output_text.delta","delta":"Hi""")]
    [InlineData("""{"type":"response.output_text.delta","delta":"Hi","logprobs":[""")]
    [InlineData("not json")]
    public void ReadUpToType_ADeltaThatIsNotWholeJson_IsNotRead(string data) =>
        Assert.Null(ResponsesEventHead.ReadUpToType(new SseEvent("response.output_text.delta", data)));

    [Fact]
    public void Read_ChecksTheWholePayload_WhateverItsType() =>
        Assert.Null(ResponsesEventHead.Read(new SseEvent(null, """{"type":"response.completed","response":{"id":""")));
}
