namespace Gateway.Tests.Conversations;

/// <summary>How a stored response is shown by GET /v1/responses/{id} and pages of its input items by …/input_items.</summary>
public sealed class StoredResponseAnswersTests
{
    private static readonly StoredResponse Stored = Response(
        ["""{"id":"msg_1","type":"message","role":"user","content":"one"}""", """{"type":"function_call_output","call_id":"call_1","output":"42"}""", """{"id":"msg_3","role":"assistant","content":"three"}"""],
        ["""{"id":"msg_out","type":"message","role":"assistant","content":[{"type":"output_text","text":"Done.","annotations":[]}]}"""]);

    [Theory]
    [InlineData(20, false, null, "msg_3,,msg_1", "msg_3", "msg_1", false)]
    [InlineData(1, false, null, "msg_3", "msg_3", "msg_3", true)]
    [InlineData(2, true, "msg_1", ",msg_3", null, "msg_3", false)]
    [InlineData(5, false, "msg_1", "", null, null, false)]
    public void APageOfInputItems_StartsAfterTheItemNamed_InTheOrderAsked(int limit, bool ascending, string? after, string ids, string? firstId, string? lastId, bool hasMore)
    {
        var page = StoredResponseAnswers.InputItems(Stored, limit, ascending, after)!;

        Assert.Equal(ids, string.Join(',', page["data"]!.AsArray().Select(i => i!["id"].Str())));
        Assert.Equal((firstId, lastId, hasMore), (page["first_id"].Str(), page["last_id"].Str(), page["has_more"]!.GetValue<bool>()));
    }

    [Fact]
    public void AnInputItemNamedByNoId_IsNoPlaceToStart() =>
        Assert.Null(StoredResponseAnswers.InputItems(Stored, 20, ascending: false, "msg_out"));

    [Fact]
    public void AMessageSentWithStringContent_IsListedWithOneTextPart_OfItsRolesKind()
    {
        var items = StoredResponseAnswers.InputItems(Stored, 20, ascending: true, after: null)!["data"]!.AsArray();

        Assert.Equal("""{"id":"msg_1","type":"message","role":"user","content":[{"type":"input_text","text":"one"}]}""", items[0]!.ToJsonString());
        Assert.Equal("""{"type":"function_call_output","call_id":"call_1","output":"42"}""", items[1]!.ToJsonString());
        Assert.Equal("""{"id":"msg_3","role":"assistant","content":[{"type":"output_text","text":"three","annotations":[]}],"type":"message"}""", items[2]!.ToJsonString());
    }

    [Fact]
    public void TheResponse_IsItsEnvelopeWithItsOutputItems_AndNoneWithoutAnEnvelope()
    {
        var response = StoredResponseAnswers.Response(Stored)!;

        Assert.Equal("""{"id":"resp_1","object":"response","status":"completed","output":[{"id":"msg_out","type":"message","role":"assistant","content":[{"type":"output_text","text":"Done.","annotations":[]}]}]}""", response.ToJsonString());
        Assert.Null(StoredResponseAnswers.Response(Response([], [], envelope: null)));
    }

    private static StoredResponse Response(string[] input, string[] output, string? envelope = """{"id":"resp_1","object":"response","status":"completed"}""") => new()
    {
        Id = "resp_1",
        ConversationId = "resp_1",
        Envelope = envelope,
        InputItemCount = input.Length,
        Items = [.. input.Concat(output).Select((json, i) => new StoredResponseItem { ResponseId = "resp_1", Position = i, Json = json })],
    };
}
