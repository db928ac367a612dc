namespace Gateway.Tests.Protocols;

/// <summary>SPEC 5.3: a Chat upstream's reasoning becomes reasoning items, and comes back as <c>reasoning_content</c> on later turns.</summary>
public sealed class ReasoningAcrossTurnsTests
{
    [Fact]
    public void ReasoningOfAToolTurn_ComesBackOnTheAssistantMessageThatMadeTheCalls()
    {
        // The first turn's answer, as a Responses client received it from a DeepSeek-style upstream…
        var answer = ChatAnswerToResponses.Convert(Golden.Parse("""
            {"id":"chatcmpl-1","created":1,"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
              "reasoning_content":"The user wants the weather; call the tool.",
              "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]}}]}
            """), new ResponseEnvelope("m", 1), new ChatToolNames());

        // …sent back with the tool's output, as the OpenAI SDKs do.
        var next = Golden.Parse("""{"model":"m","input":[{"type":"message","role":"user","content":"Weather?"}]}""");
        foreach (var item in answer["output"]!.AsArray())
        {
            next["input"]!.AsArray().Add(item!.DeepClone());
        }

        next["input"]!.AsArray().Add(Golden.Parse("""{"type":"function_call_output","call_id":"call_1","output":"18C"}"""));

        Golden.AssertEqual("""
            [
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":null,"reasoning_content":"The user wants the weather; call the tool.","tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"}
            ]
            """, Conversions.ToChat(next)["messages"]);
    }

    [Fact]
    public void RawReasoningText_IsPreferredToSummaries_AndEncryptedReasoningNeverReachesAChatUpstream()
    {
        var messages = ChatMessagesFor("""
            [
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Short."}],"content":[{"type":"reasoning_text","text":"Long raw thought."}],"encrypted_content":"gAAAA"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi"}]}
            ]
            """);

        Golden.AssertEqual("""[{"role":"assistant","content":"Hi","reasoning_content":"Long raw thought."}]""", messages);
    }

    [Fact]
    public void ReasoningWithNoAssistantTurnAfterIt_IsLeftOut()
    {
        var messages = ChatMessagesFor("""
            [
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Orphan."}]},
              {"type":"message","role":"user","content":"Hello"},
              {"type":"message","role":"assistant","content":"Hi"}
            ]
            """);

        Golden.AssertEqual("""[{"role":"user","content":"Hello"},{"role":"assistant","content":"Hi"}]""", messages);
    }

    [Fact]
    public void ThinkingBetweenTextAndACall_StaysOnTheSameAssistantTurn()
    {
        var messages = ChatMessagesFor("""
            [
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"First."}]},
              {"type":"message","role":"assistant","content":"Let me look."},
              {"type":"reasoning","id":"rs_2","summary":[{"type":"summary_text","text":"Second."}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"}
            ]
            """);

        Golden.AssertEqual("""
            [{"role":"assistant","content":"Let me look.","reasoning_content":"First.\n\nSecond.","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}]
            """, messages);
    }

    [Fact]
    public void ChatReasoningField_OfOpenRouterStyleUpstreams_AlsoBecomesAReasoningItem()
    {
        var answer = ChatAnswerToResponses.Convert(Golden.Parse("""
            {"id":"chatcmpl-1","created":1,"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi","reasoning":"Greeting."}}]}
            """), new ResponseEnvelope("m", 1), new ChatToolNames());

        Golden.AssertEqual("""{"id":"rs_*","type":"reasoning","summary":[{"type":"summary_text","text":"Greeting."}]}""", answer["output"]![0]);
    }

    // The Chat messages of a Responses request whose input is these items.
    private static JsonNode? ChatMessagesFor(string inputItems) =>
        Conversions.ToChat(new JsonObject { ["model"] = "m", ["input"] = JsonNode.Parse(inputItems) })["messages"];
}
