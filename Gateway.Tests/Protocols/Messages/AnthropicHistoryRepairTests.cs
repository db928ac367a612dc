namespace Gateway.Tests.Protocols.Messages;

public sealed class AnthropicHistoryRepairTests
{
    private const string Ask = """{"role":"user","content":"Weather in Paris?"}""";
    private const string Results = """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"18C"}]}""";
    private const string Signed = """{"type":"thinking","thinking":"Hm.","signature":"sig"}""";
    private const string Unsigned = """{"type":"thinking","thinking":"Hm.","signature":""}""";
    private const string GatewaySigned = """{"type":"thinking","thinking":"Hm.","signature":"gateway:openai:rs_1:gAAAA1=="}""";
    private const string Call = """{"type":"tool_use","id":"t1","name":"weather","input":{"city":"Paris"}}""";
    private const string Thinking = """ "thinking":{"type":"enabled","budget_tokens":2048}, """;

    public static TheoryData<string, string, string?> Histories => new()
    {
        {
            "a tool loop Anthropic answered, thinking on",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{{Signed}},{{Call}}]},{{Results}}]}""",
            null
        },
        {
            "a tool loop Anthropic answered with redacted thinking",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{"type":"redacted_thinking","data":"x"},{{Call}}]},{{Results}}]}""",
            null
        },
        {
            "a tool loop without thinking, thinking off",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}""",
            null
        },
        {
            "unsigned thinking in an earlier turn: left out, thinking stays on",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{{Unsigned}},{"type":"text","text":"Sunny."}]},{{Ask}},{"role":"assistant","content":[{{Signed}},{{Call}}]},{{Results}}]}""",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{"type":"text","text":"Sunny."}]},{{Ask}},{"role":"assistant","content":[{{Signed}},{{Call}}]},{{Results}}]}"""
        },
        {
            "unsigned thinking opening the tool loop's last turn: left out, and thinking off for this request",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{{Unsigned}},{{Call}}]},{{Results}}]}""",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}"""
        },
        {
            "thinking the gateway signed for a Responses account's reasoning, opening the tool loop's last turn: left out, and thinking off",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{{GatewaySigned}},{{GatewaySigned}},{{Call}}]},{{Results}}]}""",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}"""
        },
        {
            "thinking the gateway signed in an earlier turn: left out, thinking stays on for Anthropic's own tool loop",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{{GatewaySigned}},{"type":"text","text":"Sunny."}]},{{Ask}},{"role":"assistant","content":[{{Signed}},{{Call}}]},{{Results}}]}""",
            $$"""{ {{Thinking}} "messages":[{{Ask}},{"role":"assistant","content":[{"type":"text","text":"Sunny."}]},{{Ask}},{"role":"assistant","content":[{{Signed}},{{Call}}]},{{Results}}]}"""
        },
        {
            "a tool loop another provider answered without reasoning, thinking on: thinking off",
            $$"""{"thinking":{"type":"adaptive"},"messages":[{{Ask}},{"role":"assistant","content":[{"type":"text","text":"Checking."},{{Call}}]},{{Results}}]}""",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{"type":"text","text":"Checking."},{{Call}}]},{{Results}}]}"""
        },
        {
            "thinking off for this request: Claude Code's clear_thinking edit goes too, its other edits stay",
            $$"""{ {{Thinking}} "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"},{"type":"clear_tool_uses_20250919"}]},"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}""",
            $$"""{"context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}"""
        },
        {
            "thinking off with only the clear_thinking edit: no context_management left",
            $$"""{ {{Thinking}} "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}""",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{{Call}}]},{{Results}}]}"""
        },
        {
            "thinking without a signature at all, in a turn of nothing else: the turn is left out",
            $$"""{"messages":[{{Ask}},{"role":"assistant","content":[{"type":"thinking","thinking":"Hm."}]},{{Ask}}]}""",
            $$"""{"messages":[{{Ask}},{{Ask}}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void AHistory_IsRepairedOnlyWhereAnthropicWouldRefuseIt(string history, string request, string? repaired)
    {
        var repair = AnthropicHistoryRepair.For(JsonDocument.Parse(request).RootElement);

        if (repaired is null)
        {
            Assert.True(repair is null, history);
            return;
        }

        Assert.NotNull(repair);
        var body = Golden.Parse(request);
        repair.Apply(body);
        Golden.AssertEqual(repaired, body);
    }
}
