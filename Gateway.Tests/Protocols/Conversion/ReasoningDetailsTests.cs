namespace Gateway.Tests.Protocols.Conversion;

/// <summary>
/// Opaque reasoning across protocols: Anthropic's thinking survives a trip through a Responses client's reasoning item,
/// an OpenAI reasoning item a trip through a Messages client's thinking block, each exactly as its provider wrote it.
/// </summary>
public sealed class ReasoningDetailsTests
{
    [Theory]
    [InlineData("""{"type":"thinking","thinking":"Two cities: check both.","signature":"EqQBCkYIBRgCKkA="}""")]
    [InlineData("""{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"}""")]
    public void AnthropicThinking_ComesBackFromAResponsesClientsReasoningItemAsItWas(string block)
    {
        var detail = ReasoningDetails.FromThinking(Golden.Parse(block))!;
        var item = ReasoningDetails.ToReasoningItem(detail, "rs_gateway")!;

        Assert.StartsWith("gateway:anthropic:", item["encrypted_content"]!.GetValue<string>(), StringComparison.Ordinal);
        Golden.AssertEqual(block, ReasoningDetails.ToThinking(ReasoningDetails.FromReasoningItem(Golden.Parse(item.ToJsonString()))!));
    }

    [Fact]
    public void AnthropicThinking_ShowsItsTextAsTheReasoningItemsSummary()
    {
        var detail = ReasoningDetails.FromThinking(Golden.Parse("""{"type":"thinking","thinking":"Two cities.","signature":"sig"}"""))!;

        Golden.AssertEqual("""{"id":"rs_gateway","type":"reasoning","summary":[{"type":"summary_text","text":"Two cities."}]}""", WithoutEncrypted(ReasoningDetails.ToReasoningItem(detail, "rs_gateway")!));
    }

    [Fact]
    public void RedactedThinking_IsAReasoningItemWithoutSummary()
    {
        var detail = ReasoningDetails.FromThinking(Golden.Parse("""{"type":"redacted_thinking","data":"opaque"}"""))!;

        Golden.AssertEqual("""{"id":"rs_gateway","type":"reasoning","summary":[]}""", WithoutEncrypted(ReasoningDetails.ToReasoningItem(detail, "rs_gateway")!));
    }

    [Fact]
    public void OpenAiReasoningItem_ComesBackFromAMessagesClientsThinkingBlockAsItWas()
    {
        const string item = """{"id":"rs_68af","type":"reasoning","summary":[{"type":"summary_text","text":"Checking the weather."}],"encrypted_content":"gAAAAABo+/x=="}""";

        var thinking = ReasoningDetails.ToThinking(ReasoningDetails.FromReasoningItem(Golden.Parse(item))!)!;

        Golden.AssertEqual("""{"type":"thinking","thinking":"Checking the weather.","signature":"gateway:openai:rs_68af:gAAAAABo+/x=="}""", thinking);
        Golden.AssertEqual(item, ReasoningDetails.ToReasoningItem(ReasoningDetails.FromThinking(thinking)!, "rs_other"));
    }

    [Fact]
    public void StreamedDetail_TakesTheTextThatCameBeforeIt()
    {
        var anthropic = ReasoningDetails.FromThinking(Golden.Parse("""{"type":"thinking","signature":"sig"}"""))!;
        var openAi = Golden.Parse("""{"type":"reasoning.encrypted","id":"rs_1","data":"enc","format":"openai-responses-v1"}""");

        Golden.AssertEqual("""{"type":"thinking","thinking":"streamed","signature":"sig"}""", ReasoningDetails.ToThinking(anthropic, "streamed"));
        Golden.AssertEqual("""{"type":"thinking","thinking":"streamed","signature":"gateway:openai:rs_1:enc"}""", ReasoningDetails.ToThinking(openAi, "streamed"));
        Golden.AssertEqual("""{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"streamed"}],"encrypted_content":"enc"}""", ReasoningDetails.ToReasoningItem(openAi, "rs_x", "streamed"));
    }

    [Theory]
    [InlineData("""{"type":"thinking","thinking":"From a Chat provider.","signature":""}""")]
    [InlineData("""{"type":"thinking","thinking":"No signature."}""")]
    [InlineData("""{"type":"thinking","thinking":"Cut mark.","signature":"gateway:openai:rs_1"}""")]
    [InlineData("""{"type":"text","text":"Not reasoning."}""")]
    public void ThinkingNoProviderCanReadBack_HasNoDetail(string block) =>
        Assert.Null(ReasoningDetails.FromThinking(Golden.Parse(block)));

    [Theory]
    [InlineData("""{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Plain."}]}""")]
    [InlineData("""{"id":"rs_1","type":"reasoning","summary":[],"encrypted_content":"gateway:anthropic:not base64url!"}""")]
    [InlineData("""{"id":"rs_1","type":"reasoning","summary":[],"encrypted_content":"gateway:anthropic:e30"}""")]
    [InlineData("""{"id":"rs_1","type":"reasoning","summary":[],"encrypted_content":"gateway:other:x"}""")]
    public void ReasoningItemNoProviderCanReadBack_HasNoDetail(string item) =>
        Assert.Null(ReasoningDetails.FromReasoningItem(Golden.Parse(item)));

    [Theory]
    [InlineData("gateway:openai:rs_1:enc", true)]
    [InlineData("gateway:anthropic:e30", true)]
    [InlineData("EqQBCkYIBRgCKkA=", false)]
    [InlineData("gAAAAABo", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyTheGatewaysMarks_AreMarked(string? opaque, bool marked) =>
        Assert.Equal(marked, ReasoningDetails.IsMarked(opaque));

    private static JsonObject WithoutEncrypted(JsonObject item)
    {
        item.Remove("encrypted_content");
        return item;
    }
}
