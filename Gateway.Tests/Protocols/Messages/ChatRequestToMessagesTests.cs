namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5, Chat client → anthropic account: every Chat request field the Messages API can carry.</summary>
public sealed class ChatRequestToMessagesTests
{
    private const int DefaultMaxTokens = 32000;

    [Fact]
    public void FullChatRequest_MapsEveryFieldToItsMessagesCounterpart()
    {
        // Its stop (two newlines) is only whitespace, which Anthropic refuses; its low effort leaves no budget below 100 tokens.
        var converted = ChatRequestToMessages.Convert(Golden.Parse(ChatToResponsesRequestTests.FullChatRequest), DefaultMaxTokens, [], new HashSet<string>());

        Golden.AssertEqual("""
            {
              "model": "gpt-4o",
              "system": "You are terse.\n\nAnswer in French.\n\nBe brief.",
              "messages": [
                { "role": "user", "content": [
                  { "type": "text", "text": "What is this?" },
                  { "type": "image", "source": { "type": "url", "url": "https://example.com/cat.png" } } ] },
                { "role": "assistant", "content": [
                  { "type": "tool_use", "id": "call_a", "name": "lookup", "input": { "q": "cat" } },
                  { "type": "tool_use", "id": "call_b", "name": "weather", "input": {} } ] },
                { "role": "user", "content": [
                  { "type": "tool_result", "tool_use_id": "call_a", "content": "a cat" },
                  { "type": "tool_result", "tool_use_id": "call_b", "content": "sunny" } ] },
                { "role": "assistant", "content": [ { "type": "text", "text": "C'est un chat." } ] },
                { "role": "user", "content": [ { "type": "text", "text": "Merci" } ] }
              ],
              "max_tokens": 100,
              "metadata": { "user_id": "u1" },
              "temperature": 0.2, "top_p": 0.9,
              "output_config": { "format": { "type": "json_schema", "schema": { "type": "object" } } },
              "tools": [
                { "name": "lookup", "description": "Look up", "input_schema": { "type": "object", "properties": { "q": { "type": "string" } } } },
                { "name": "weather", "input_schema": { "type": "object", "properties": {} } }
              ],
              "tool_choice": { "type": "tool", "name": "lookup" },
              "stream": true
            }
            """, converted);
    }

    [Fact]
    public void ToolResultsAndTheUserTextAfterThem_ShareOneUserTurn_AndIdsAreMadeValidForAnthropic()
    {
        var request = Golden.Parse("""
            {"model":"m","messages":[
              {"role":"user","content":"go"},
              {"role":"assistant","content":"","tool_calls":[{"id":"functions.lookup:0","type":"function","function":{"name":"lookup","arguments":"not json"}}]},
              {"role":"tool","tool_call_id":"functions.lookup:0","content":"x"},
              {"role":"user","content":[{"type":"text","text":"thanks"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4A=="}},{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"}}]}]}
            """);

        var converted = ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>());

        Golden.AssertEqual("""
            [
              { "role": "user", "content": [ { "type": "text", "text": "go" } ] },
              { "role": "assistant", "content": [ { "type": "tool_use", "id": "functions_lookup_0", "name": "lookup", "input": {} } ] },
              { "role": "user", "content": [
                { "type": "tool_result", "tool_use_id": "functions_lookup_0", "content": "x" },
                { "type": "text", "text": "thanks" },
                { "type": "image", "source": { "type": "base64", "media_type": "image/jpeg", "data": "/9j/4A==" } },
                { "type": "document", "source": { "type": "base64", "media_type": "application/pdf", "data": "JVBE" }, "title": "a.pdf" } ] }
            ]
            """, converted["messages"]);
        Assert.Equal(DefaultMaxTokens, converted["max_tokens"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("\"auto\"", null, """{"type":"auto"}""")]
    [InlineData("\"required\"", null, """{"type":"any"}""")]
    [InlineData("\"none\"", false, """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", null, """{"type":"tool","name":"f"}""")]
    [InlineData("\"auto\"", false, """{"type":"auto","disable_parallel_tool_use":true}""")]
    public void ToolChoiceAndParallelCalls_MapToAnthropicToolChoice(string choice, bool? parallel, string expected)
    {
        var request = Golden.Parse($$$"""{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{{{choice}}}}""");
        if (parallel is { } value)
        {
            request["parallel_tool_calls"] = value;
        }

        Golden.AssertEqual(expected, ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>())["tool_choice"]);
    }

    [Theory]
    [InlineData("low", 4000, 2048)]
    [InlineData("medium", 4000, 3999)]
    [InlineData("high", 100000, 24576)]
    [InlineData("high", 1000, null)]
    [InlineData("minimal", 4000, null)]
    public void ReasoningEffort_BecomesAThinkingBudgetBelowMaxTokens(string effort, int maxTokens, int? budget)
    {
        var request = Golden.Parse($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"{{effort}}","max_tokens":{{maxTokens}},"temperature":0.5}""");

        var converted = ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>());

        Assert.Equal(budget, converted["thinking"]?["budget_tokens"]?.GetValue<long>());

        // Anthropic refuses sampling settings while the model thinks.
        Assert.Equal(budget is null, converted["temperature"] is not null);
    }

    [Fact]
    public void ReasoningEffort_InTheMiddleOfAToolLoop_AsksForNoThinking()
    {
        var request = Golden.Parse("""
            {"model":"m","reasoning_effort":"high","messages":[
              {"role":"user","content":"go"},
              {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c","content":"done"}]}
            """);

        Assert.Null(ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>())["thinking"]);
    }

    [Fact]
    public void AnthropicReasoningDetails_GoBackAsTheTurnsFirstBlocksInOrder_AndKeepThinkingOnInTheToolLoop()
    {
        var request = Golden.Parse("""
            {"model":"m","reasoning_effort":"high","messages":[
              {"role":"user","content":"go"},
              {"role":"assistant","content":"Checking.","reasoning_content":"Two cities.","reasoning_details":[
                {"type":"reasoning.encrypted","data":"EmwK","format":"anthropic-claude-v1"},
                {"type":"reasoning.encrypted","id":"rs_1","data":"gAAAA","format":"openai-responses-v1"},
                {"type":"reasoning.text","text":"Two cities.","signature":"EqQB","format":"anthropic-claude-v1"}],
               "tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c","content":"done"}]}
            """);

        var converted = ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>());

        Golden.AssertEqual("""
            [
              {"type":"redacted_thinking","data":"EmwK"},
              {"type":"thinking","thinking":"Two cities.","signature":"EqQB"},
              {"type":"text","text":"Checking."},
              {"type":"tool_use","id":"c","name":"f","input":{}}
            ]
            """, converted["messages"]![1]!["content"]);
        Golden.AssertEqual("""{"type":"enabled","budget_tokens":24576}""", converted["thinking"]);
    }

    [Fact]
    public void ToolLoopWhoseLastAssistantTurnHasOnlyAnotherProvidersReasoning_AsksForNoThinking()
    {
        var request = Golden.Parse("""
            {"model":"m","reasoning_effort":"high","messages":[
              {"role":"user","content":"go"},
              {"role":"assistant","reasoning_content":"Hm.","reasoning_details":[{"type":"reasoning.encrypted","id":"rs_1","data":"gAAAA","format":"openai-responses-v1"}],
               "tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c","content":"done"}]}
            """);

        var converted = ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>());

        Assert.Null(converted["thinking"]);
        Golden.AssertEqual("""[{"type":"tool_use","id":"c","name":"f","input":{}}]""", converted["messages"]![1]!["content"]);
    }

    [Theory]
    [InlineData("\"required\"", false)]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", false)]
    [InlineData("\"auto\"", true)]
    public void ReasoningEffort_WithAToolChoiceThatForcesATool_AsksForNoThinking(string toolChoice, bool thinks)
    {
        var request = Golden.Parse($$$$"""
            {"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"go"}],"tool_choice":{{{{toolChoice}}}},
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
            """);

        // Anthropic refuses thinking while tool_choice is any or tool.
        Assert.Equal(thinks, ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>())["thinking"] is not null);
    }

    [Theory]
    [InlineData("\"END\"", """["END"]""")]
    [InlineData("""["a", " ", "b"]""", """["a","b"]""")]
    [InlineData("\"  \"", null)]
    public void Stop_BecomesStopSequencesWithoutBlankOnes(string stop, string? expected)
    {
        var request = Golden.Parse($$"""{"model":"m","messages":[],"stop":{{stop}}}""");

        var converted = ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>());

        if (expected is null)
        {
            Assert.Null(converted["stop_sequences"]);
        }
        else
        {
            Golden.AssertEqual(expected, converted["stop_sequences"]);
        }
    }

    [Fact]
    public void Temperature_IsCappedAtAnthropicsMaximum()
    {
        var request = Golden.Parse("""{"model":"m","messages":[],"temperature":1.7}""");

        Assert.Equal(1.0, ChatRequestToMessages.Convert(request, DefaultMaxTokens, [], new HashSet<string>())["temperature"]!.GetValue<double>());
    }
}
