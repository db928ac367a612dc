namespace Gateway.Tests.Protocols;

public sealed class ResponsesToChatRequestTests
{
    private const string FullResponsesRequest = """
        {
          "model": "gpt-4o", "instructions": "Be terse.", "stream": true, "store": true,
          "include": [ "reasoning.encrypted_content" ], "metadata": { "k": "v" }, "client_metadata": { "x": "y" },
          "prompt_cache_key": "pc", "safety_identifier": "s", "service_tier": "flex", "truncation": "auto", "background": false,
          "input": [
            { "role": "developer", "content": "Use metric units." },
            { "type": "message", "role": "user", "content": [
              { "type": "input_text", "text": "Weather?" },
              { "type": "input_image", "image_url": "data:image/png;base64,AAA", "detail": "low" } ] },
            { "type": "reasoning", "id": "rs_1", "summary": [] },
            { "type": "function_call", "call_id": "call_1", "name": "weather", "arguments": "{\"city\":\"Paris\"}" },
            { "type": "function_call", "call_id": "call_2", "name": "weather", "arguments": "{\"city\":\"Rome\"}" },
            { "type": "function_call_output", "call_id": "call_1", "output": "18C" },
            { "type": "function_call_output", "call_id": "call_2", "output": "24C" },
            { "type": "message", "role": "assistant", "content": [ { "type": "output_text", "text": "Paris 18C, Rome 24C." } ] },
            { "role": "user", "content": "Thanks" }
          ],
          "tools": [
            { "type": "function", "name": "weather", "description": "Weather", "parameters": { "type": "object", "properties": { "city": { "type": "string" } } }, "strict": false },
            { "type": "web_search" }
          ],
          "tool_choice": "auto", "parallel_tool_calls": true,
          "text": { "format": { "type": "json_schema", "name": "w", "schema": { "type": "object" }, "strict": true }, "verbosity": "low" },
          "max_output_tokens": 256, "temperature": 0.5, "top_p": 1, "reasoning": { "effort": "high", "summary": "auto" }, "user": "u"
        }
        """;

    private const string FullChatMessages = """
        [
          { "role": "system", "content": "Be terse.\n\nUse metric units." },
          { "role": "user", "content": [
            { "type": "text", "text": "Weather?" },
            { "type": "image_url", "image_url": { "url": "data:image/png;base64,AAA", "detail": "low" } } ] },
          { "role": "assistant", "content": null, "tool_calls": [
            { "id": "call_1", "type": "function", "function": { "name": "weather", "arguments": "{\"city\":\"Paris\"}" } },
            { "id": "call_2", "type": "function", "function": { "name": "weather", "arguments": "{\"city\":\"Rome\"}" } } ] },
          { "role": "tool", "tool_call_id": "call_1", "content": "18C" },
          { "role": "tool", "tool_call_id": "call_2", "content": "24C" },
          { "role": "assistant", "content": "Paris 18C, Rome 24C." },
          { "role": "user", "content": "Thanks" }
        ]
        """;

    private const string WeatherTool = """
        { "type": "function", "function": { "name": "weather", "description": "Weather", "parameters": { "type": "object", "properties": { "city": { "type": "string" } } }, "strict": false } }
        """;

    [Fact]
    public void LeadingSystemAndDeveloperItems_JoinTheInstructionsInOneSystemMessage_ALaterOneStaysInItsPlace()
    {
        var converted = Conversions.ToChat(Golden.Parse("""
            {"model":"m","instructions":"You are Codex.","input":[
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions>read-only</permissions>"}]},
              {"type":"message","role":"system","content":"Answer in French."},
              {"type":"message","role":"user","content":"Hi"},
              {"type":"message","role":"developer","content":"Now be brief."}
            ]}
            """));

        Golden.AssertEqual("""
            [
              {"role":"system","content":"You are Codex.\n\n<permissions>read-only</permissions>\n\nAnswer in French."},
              {"role":"user","content":"Hi"},
              {"role":"system","content":"Now be brief."}
            ]
            """, converted["messages"]);
    }

    [Fact]
    public void FullResponsesRequest_ForACompatibleProvider_CarriesOnlyCommonChatParameters()
    {
        var converted = Conversions.ToChat(Golden.Parse(FullResponsesRequest), out var dropped);

        Golden.AssertEqual($$"""
            {
              "model": "gpt-4o", "stream": true, "tool_choice": "auto", "parallel_tool_calls": true, "temperature": 0.5, "top_p": 1, "user": "u",
              "messages": {{FullChatMessages}},
              "max_tokens": 256,
              "reasoning_effort": "high",
              "response_format": { "type": "json_schema", "json_schema": { "name": "w", "schema": { "type": "object" }, "strict": true } },
              "tools": [ {{WeatherTool}} ],
              "stream_options": { "include_usage": true }
            }
            """, converted);
        Assert.Equal(["web_search"], dropped);
    }

    [Fact]
    public void FullResponsesRequest_ForOpenAi_AlsoCarriesOpenAiOnlyParameters()
    {
        var converted = Conversions.ToChat(Golden.Parse(FullResponsesRequest), AccountPlatform.OpenAi);

        Golden.AssertEqual($$"""
            {
              "model": "gpt-4o", "stream": true, "tool_choice": "auto", "parallel_tool_calls": true, "temperature": 0.5, "top_p": 1, "user": "u",
              "prompt_cache_key": "pc", "safety_identifier": "s", "service_tier": "flex",
              "messages": {{FullChatMessages}},
              "max_completion_tokens": 256,
              "reasoning_effort": "high",
              "response_format": { "type": "json_schema", "json_schema": { "name": "w", "schema": { "type": "object" }, "strict": true } },
              "verbosity": "low",
              "tools": [ {{WeatherTool}} ],
              "stream_options": { "include_usage": true }
            }
            """, converted);
    }

    [Fact]
    public void StringInput_BecomesOneUserMessage()
    {
        var converted = Conversions.ToChat(Golden.Parse("""{"model":"m","input":"Hello"}"""));

        Golden.AssertEqual("""{"model":"m","messages":[{"role":"user","content":"Hello"}]}""", converted);
    }

    [Fact]
    public void AssistantTextFollowedByCalls_FoldsIntoOneAssistantMessage()
    {
        var converted = Conversions.ToChat(Golden.Parse("""
            {"model":"m","input":[
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Let me check."}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"done"}]}
            ]}
            """));

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"done"}
            ]
            """, converted["messages"]);
    }

    [Fact]
    public void ImagesInACallOutput_FollowAllTheToolMessagesAsOneUserMessage_BecauseChatToolMessagesCarryOnlyText()
    {
        var converted = Conversions.ToChat(Golden.Parse("""
            {"model":"m","input":[
              {"type":"function_call","call_id":"c1","name":"view_image","arguments":"{}"},
              {"type":"function_call","call_id":"c2","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":[
                {"type":"input_text","text":"screenshot"},
                {"type":"input_image","image_url":"data:image/png;base64,AAA","detail":"high"}]},
              {"type":"function_call_output","call_id":"c2","output":"ok"},
              {"role":"user","content":"What do you see?"}
            ]}
            """));

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"c1","type":"function","function":{"name":"view_image","arguments":"{}"}},
                {"id":"c2","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"screenshot"},
              {"role":"tool","tool_call_id":"c2","content":"ok"},
              {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAA","detail":"high"}}]},
              {"role":"user","content":"What do you see?"}
            ]
            """, converted["messages"]);
    }

    [Fact]
    public void AnImageInTheLastCallOutput_StillReachesTheModel()
    {
        var converted = Conversions.ToChat(Golden.Parse("""
            {"model":"m","input":[
              {"type":"function_call","call_id":"c1","name":"view_image","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":[{"type":"input_image","image_url":"https://example.com/a.png"}]}
            ]}
            """));

        Golden.AssertEqual("""
            [
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"view_image","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":""},
              {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}
            ]
            """, converted["messages"]);
    }

    [Theory]
    [InlineData("\"required\"", "\"required\"")]
    [InlineData("""{"type":"function","name":"f"}""", """{"type":"function","function":{"name":"f"}}""")]
    [InlineData(
        """{"type":"allowed_tools","mode":"required","tools":[{"type":"function","name":"f"}]}""",
        """{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"f"}}]}}""")]
    public void ToolChoice_IsNested(string responsesChoice, string expected)
    {
        var converted = Conversions.ToChat(Golden.Parse($$"""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{{responsesChoice}}}"""));

        Golden.AssertEqual(expected, converted["tool_choice"]);
    }

    [Fact]
    public void HostedToolChoice_IsDropped_BecauseChatCannotExpressIt()
    {
        var converted = Conversions.ToChat(Golden.Parse("""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{"type":"web_search"}}"""));

        Assert.False(converted.ContainsKey("tool_choice"));
        Assert.True(converted.ContainsKey("tools"));
    }

    [Fact]
    public void OnlyHostedTools_LeaveNoToolSettings_WhichChatWouldReject()
    {
        var converted = Conversions.ToChat(Golden.Parse("""{"model":"m","input":"x","tools":[{"type":"web_search"}],"tool_choice":"auto","parallel_tool_calls":true}"""));

        Golden.AssertEqual("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", converted);
    }

    [Fact]
    public void NonStreamRequest_DoesNotAskForStreamUsage()
    {
        var converted = Conversions.ToChat(Golden.Parse("""{"model":"m","input":"x","stream":false}"""));

        Assert.False(converted.ContainsKey("stream_options"));
    }

    [Fact]
    public void RoundTrip_ResponsesToChatToResponses_PreservesConversation()
    {
        var roundTrip = Conversions.ToResponses(Conversions.ToChat(Golden.Parse(FullResponsesRequest), AccountPlatform.OpenAi));

        Golden.AssertEqual("""
            [
              { "type": "message", "role": "user", "content": [
                { "type": "input_text", "text": "Weather?" },
                { "type": "input_image", "image_url": "data:image/png;base64,AAA", "detail": "low" } ] },
              { "type": "function_call", "call_id": "call_1", "name": "weather", "arguments": "{\"city\":\"Paris\"}" },
              { "type": "function_call", "call_id": "call_2", "name": "weather", "arguments": "{\"city\":\"Rome\"}" },
              { "type": "function_call_output", "call_id": "call_1", "output": "18C" },
              { "type": "function_call_output", "call_id": "call_2", "output": "24C" },
              { "type": "message", "role": "assistant", "content": [ { "type": "output_text", "text": "Paris 18C, Rome 24C.", "annotations": [] } ] },
              { "type": "message", "role": "user", "content": "Thanks" }
            ]
            """, roundTrip["input"]);
        Assert.Equal("Be terse.\n\nUse metric units.", roundTrip["instructions"]!.GetValue<string>());
        Assert.Equal(256, roundTrip["max_output_tokens"]!.GetValue<long>());
        Golden.AssertEqual("""{"format":{"type":"json_schema","name":"w","schema":{"type":"object"},"strict":true},"verbosity":"low"}""", roundTrip["text"]);
        Golden.AssertEqual("""{"effort":"high"}""", roundTrip["reasoning"]);
    }
}
