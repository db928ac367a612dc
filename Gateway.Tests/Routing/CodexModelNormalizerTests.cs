namespace Gateway.Tests.Routing;

public sealed class CodexModelNormalizerTests
{
    [Theory]
    [InlineData("gpt-5-codex", "gpt-5-codex", null)]
    [InlineData("openai/gpt-5-codex", "gpt-5-codex", null)]
    [InlineData("gpt-5-codex-high", "gpt-5-codex", "high")]
    [InlineData("openai/gpt-5.1-codex-max-xhigh", "gpt-5.1-codex-max", "xhigh")]
    [InlineData("gpt-5.1-codex-mini-medium", "gpt-5.1-codex-mini", "medium")]
    [InlineData("gpt-5.1-low", "gpt-5.1", "low")]
    [InlineData("gpt-5-minimal", "gpt-5", "minimal")]
    [InlineData("GPT-5-Codex-High", "gpt-5-codex", "high")]
    [InlineData("gpt 5 codex", "gpt-5-codex", null)]
    [InlineData("codex-mini-latest", "gpt-5-codex-mini", null)]
    [InlineData("codex-mini-latest-high", "gpt-5-codex-mini", "high")]
    [InlineData("gpt-5.2-codex", "gpt-5.2-codex", null)]
    [InlineData("gpt-4o", "gpt-4o", null)]
    [InlineData("my-model-high", "my-model-high", null)]
    [InlineData("deepseek/deepseek-chat", "deepseek-chat", null)]
    [InlineData("my custom model", "my custom model", null)]
    public void Normalize_MapsAliasesToTheBaseModel_AndLeavesUnknownNamesUnchanged(string requested, string model, string? effort)
    {
        var normalized = CodexModelNormalizer.Normalize(requested);

        Assert.Equal(model, normalized.Model);
        Assert.Equal(effort, normalized.Effort);
    }

    [Theory]
    [InlineData(ApiProtocol.Chat, "gpt-5-codex-high", "{}", """{"reasoning_effort":"high"}""")]
    [InlineData(ApiProtocol.Chat, "gpt-5-codex-high", """{"reasoning_effort":"low"}""", """{"reasoning_effort":"low"}""")]
    [InlineData(ApiProtocol.Responses, "gpt-5.1-codex-max-xhigh", """{"reasoning":{"summary":"auto"}}""", """{"reasoning":{"summary":"auto","effort":"xhigh"}}""")]
    [InlineData(ApiProtocol.Responses, "gpt-5-codex-low", """{"reasoning":{"effort":"high"}}""", """{"reasoning":{"effort":"high"}}""")]
    [InlineData(ApiProtocol.Responses, "gpt-5-codex", "{}", "{}")]
    public void ImpliedEffort_IsKept_UnlessTheClientChoseOne(ApiProtocol protocol, string model, string body, string expected)
    {
        var json = JsonNode.Parse(body)!.AsObject();

        CodexModelNormalizer.ApplyImpliedEffort(json, protocol, model);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json), json.ToJsonString());
    }

    [Theory]
    [InlineData("gpt-5-codex-high", true)]
    [InlineData("openai/codex-mini-latest", true)]
    [InlineData("gpt-5.1", false)]
    [InlineData("gpt-4o", false)]
    public void IsCodexModel_RecognisesTheCodexFamily(string model, bool expected) =>
        Assert.Equal(expected, CodexModelNormalizer.IsCodexModel(model));
}
