namespace Gateway.Tests.Protocols;

public sealed class ResponsesHistoryRepairTests
{
    private const string Ask = """{"type":"message","role":"user","content":"Weather?"}""";
    private const string Call = """{"type":"function_call","call_id":"c1","name":"weather","arguments":"{}"}""";
    private const string Output = """{"type":"function_call_output","call_id":"c1","output":"18C"}""";
    private const string OpenAiReasoning = """{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAABo"}""";
    private const string AnthropicReasoning = """{"type":"reasoning","id":"rs_2","summary":[],"encrypted_content":"gateway:anthropic:eyJ0eXBlIjoicmVhc29uaW5nLmVuY3J5cHRlZCJ9"}""";
    private const string PlainReasoning = """{"type":"reasoning","id":"rs_3","summary":[{"type":"summary_text","text":"Hm."}]}""";

    public static TheoryData<string, string, string?> Inputs => new()
    {
        { "a string input", "\"Weather?\"", null },
        { "a tool loop OpenAI answered", $"[{Ask},{OpenAiReasoning},{Call},{Output}]", null },
        { "reasoning without encrypted content", $"[{Ask},{PlainReasoning},{Call},{Output}]", null },
        { "a tool loop an anthropic account answered: its reasoning left out", $"[{Ask},{AnthropicReasoning},{AnthropicReasoning},{Call},{Output}]", $"[{Ask},{Call},{Output}]" },
        { "turns of both: only the marked reasoning left out", $"[{Ask},{OpenAiReasoning},{Call},{Output},{AnthropicReasoning},{Call},{Output}]", $"[{Ask},{OpenAiReasoning},{Call},{Output},{Call},{Output}]" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AnInput_IsRepairedOnlyWhereItCarriesReasoningOpenAiCannotRead(string history, string input, string? repaired)
    {
        var request = Golden.Parse($$"""{"model":"gpt-5-codex","store":false,"input":{{input}}}""");

        var repair = ResponsesHistoryRepair.For(JsonDocument.Parse(request.ToJsonString()).RootElement);
        repair?.Apply(request);

        // The common request, with nothing to repair, pays only the scan.
        Assert.True((repaired is null) == (repair is null), history);
        Golden.AssertEqual(repaired ?? input, request["input"]);
    }
}
