using Gateway.Core.Protocols.Responses;

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
    public void ReadUpToType_ReadsADeltaWhole_AndAnyOtherEventOnlyUpToItsType(string data, string type, string? delta) =>
        Assert.Equal((type, delta), ResponsesEventHead.ReadUpToType(new SseEvent("response.output_text.delta", data)));

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
