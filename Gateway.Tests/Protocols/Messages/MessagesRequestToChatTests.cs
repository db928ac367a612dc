namespace Gateway.Tests.Protocols.Messages;

/// <summary>SPEC 5.5, Messages client → Chat upstream: every request field of the Messages API that Chat can carry.</summary>
public sealed class MessagesRequestToChatTests
{
    internal const string FullMessagesRequest = """
        {
          "model": "claude-sonnet-4-5", "max_tokens": 1024, "stream": true,
          "system": [ { "type": "text", "text": "You are terse.", "cache_control": { "type": "ephemeral" } }, { "type": "text", "text": "Answer in French." } ],
          "messages": [
            { "role": "user", "content": [
              { "type": "text", "text": "What is this?" },
              { "type": "image", "source": { "type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo=" } },
              { "type": "image", "source": { "type": "url", "url": "https://example.com/cat.png" } },
              { "type": "document", "source": { "type": "base64", "media_type": "application/pdf", "data": "JVBERi0=" }, "title": "cat.pdf" } ] },
            { "role": "assistant", "content": [
              { "type": "thinking", "thinking": "Two lookups.", "signature": "sig-abc" },
              { "type": "redacted_thinking", "data": "opaque" },
              { "type": "text", "text": "Looking." },
              { "type": "tool_use", "id": "toolu_a", "name": "lookup", "input": { "q": "cat" } },
              { "type": "tool_use", "id": "toolu_b", "name": "weather", "input": {} } ] },
            { "role": "user", "content": [
              { "type": "tool_result", "tool_use_id": "toolu_a", "content": "a cat" },
              { "type": "tool_result", "tool_use_id": "toolu_b", "is_error": true, "content": [
                { "type": "text", "text": "no station" },
                { "type": "image", "source": { "type": "url", "url": "https://example.com/map.png" } } ] },
              { "type": "text", "text": "And now?" } ] },
            { "role": "assistant", "content": "C'est un chat." },
            { "role": "user", "content": "Merci" }
          ],
          "tools": [
            { "name": "lookup", "description": "Look up", "input_schema": { "type": "object", "properties": { "q": { "type": "string" } } } },
            { "type": "custom", "name": "weather", "input_schema": { "type": "object", "properties": {} } },
            { "type": "web_search_20250305", "name": "web_search", "max_uses": 3 }
          ],
          "tool_choice": { "type": "tool", "name": "lookup", "disable_parallel_tool_use": true },
          "temperature": 0.2, "top_p": 0.9, "top_k": 5,
          "stop_sequences": [ "\n\nHuman:" ],
          "metadata": { "user_id": "user_42" },
          "thinking": { "type": "enabled", "budget_tokens": 8000 },
          "service_tier": "auto"
        }
        """;

    [Fact]
    public void FullMessagesRequest_MapsEveryFieldToItsChatCounterpart()
    {
        var dropped = new List<string>();

        var converted = MessagesRequestToChat.Convert(Golden.Parse(FullMessagesRequest), openAiUpstream: false, reasoningDetails: false, dropped);

        Golden.AssertEqual("""
            {
              "model": "claude-sonnet-4-5",
              "messages": [
                { "role": "system", "content": "You are terse.\n\nAnswer in French." },
                { "role": "user", "content": [
                  { "type": "text", "text": "What is this?" },
                  { "type": "image_url", "image_url": { "url": "data:image/png;base64,iVBORw0KGgo=" } },
                  { "type": "image_url", "image_url": { "url": "https://example.com/cat.png" } },
                  { "type": "file", "file": { "filename": "cat.pdf", "file_data": "data:application/pdf;base64,JVBERi0=" } } ] },
                { "role": "assistant", "content": "Looking.", "reasoning_content": "Two lookups.", "tool_calls": [
                  { "id": "toolu_a", "type": "function", "function": { "name": "lookup", "arguments": "{\"q\":\"cat\"}" } },
                  { "id": "toolu_b", "type": "function", "function": { "name": "weather", "arguments": "{}" } } ] },
                { "role": "tool", "tool_call_id": "toolu_a", "content": "a cat" },
                { "role": "tool", "tool_call_id": "toolu_b", "content": "Error: no station" },
                { "role": "user", "content": [
                  { "type": "image_url", "image_url": { "url": "https://example.com/map.png" } },
                  { "type": "text", "text": "And now?" } ] },
                { "role": "assistant", "content": "C'est un chat." },
                { "role": "user", "content": "Merci" }
              ],
              "max_tokens": 1024, "temperature": 0.2, "top_p": 0.9,
              "stop": [ "\n\nHuman:" ],
              "user": "user_42",
              "reasoning_effort": "medium",
              "tools": [
                { "type": "function", "function": { "name": "lookup", "description": "Look up", "parameters": { "type": "object", "properties": { "q": { "type": "string" } } } } },
                { "type": "function", "function": { "name": "weather", "parameters": { "type": "object", "properties": {} } } }
              ],
              "tool_choice": { "type": "function", "function": { "name": "lookup" } },
              "parallel_tool_calls": false,
              "stream": true,
              "stream_options": { "include_usage": true }
            }
            """, converted);
        Assert.Equal(["web_search_20250305"], dropped);
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", "\"auto\"")]
    [InlineData("""{"type":"any"}""", "\"required\"")]
    [InlineData("""{"type":"none"}""", "\"none\"")]
    [InlineData("""{"type":"tool","name":"f"}""", """{"type":"function","function":{"name":"f"}}""")]
    public void ToolChoice_MapsToChatToolChoice(string choice, string expected)
    {
        var request = Golden.Parse($$$"""{"model":"m","max_tokens":1,"messages":[],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{{{choice}}}}""");

        Golden.AssertEqual(expected, MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, [])["tool_choice"]);
    }

    [Theory]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":1024}}""", "low")]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":10000}}""", "medium")]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":31999}}""", "high")]
    [InlineData("""{"thinking":{"type":"adaptive"}}""", "medium")]
    [InlineData("""{"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}}""", "low")]
    [InlineData("""{"output_config":{"effort":"max"}}""", "high")]
    [InlineData("""{"thinking":{"type":"disabled"}}""", null)]
    [InlineData("""{"thinking":{"type":"disabled"},"output_config":{"effort":"high"}}""", null)]
    public void Thinking_BecomesReasoningEffort(string fields, string? expected)
    {
        var request = Golden.Parse(fields);
        request["model"] = "m";

        Assert.Equal(expected, MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, [])["reasoning_effort"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("user_42", true)]
    [InlineData("""{"device_id":"9ce6a1","account_uuid":"","session_id":"5b0c7e2e-1f1a-4c53-9d57-3f4b2a8f7c10"}""", false)]
    [InlineData("someone@example.com", false)]
    [InlineData("u_0123456789012345678901234567890123456789012345678901234567890123456789", false)]
    public void UserId_GoesToUser_AsIsWhenItIsAShortPlainId_ElseAsAStableOpaqueHash(string userId, bool asIs)
    {
        static string UserFor(string userId)
        {
            var request = Golden.Parse("""{"model":"m","max_tokens":1,"messages":[]}""");
            request["metadata"] = new JsonObject { ["user_id"] = userId };
            return MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, [])["user"]!.GetValue<string>();
        }

        var user = UserFor(userId);

        if (asIs)
        {
            Assert.Equal(userId, user);
            return;
        }

        Assert.Matches("^user-[0-9a-f]{32}$", user);
        Assert.Equal(user, UserFor(userId));
        Assert.NotEqual(user, UserFor(userId + "x"));
    }

    [Fact]
    public void ClaudeCodesBillingHeaderBlock_IsLeftOutOfTheSystemPrompt_SoTheUpstreamsPrefixCacheHolds()
    {
        var request = Golden.Parse("""
            {"model":"m","max_tokens":1,"messages":[],"system":[
              {"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197.758; cc_entrypoint=sdk-cli;"},
              {"type":"text","text":"You are a Claude agent.","cache_control":{"type":"ephemeral"}},
              {"type":"text","text":"Be brief."}]}
            """);

        Golden.AssertEqual("""{"role":"system","content":"You are a Claude agent.\n\nBe brief."}""", MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, [])["messages"]![0]);
    }

    [Fact]
    public void MaxTokens_IsMaxCompletionTokensForOpenAi()
    {
        var request = Golden.Parse("""{"model":"m","max_tokens":77,"messages":[]}""");

        var converted = MessagesRequestToChat.Convert(request, openAiUpstream: true, reasoningDetails: false, []);

        Assert.Equal((77, null), (converted["max_completion_tokens"]!.GetValue<int>(), converted["max_tokens"]));
    }

    [Fact]
    public void StructuredOutput_BecomesJsonSchemaResponseFormat()
    {
        var request = Golden.Parse("""{"model":"m","max_tokens":5,"messages":[],"output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""");

        Golden.AssertEqual(
            """{"type":"json_schema","json_schema":{"name":"output","schema":{"type":"object"},"strict":true}}""",
            MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, [])["response_format"]);
    }

    [Fact]
    public void SystemAsString_AndOnlyServerTools_LeaveNoToolFields()
    {
        var request = Golden.Parse("""
            {"model":"m","max_tokens":5,"system":"Be kind.","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"bash_20250124","name":"bash"}],"tool_choice":{"type":"any"}}
            """);

        Golden.AssertEqual("""
            {"model":"m","messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"hi"}],"max_tokens":5}
            """, MessagesRequestToChat.Convert(request, openAiUpstream: false, reasoningDetails: false, []));
    }
}
