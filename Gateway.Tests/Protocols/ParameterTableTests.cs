namespace Gateway.Tests.Protocols;

/// <summary>SPEC 5.3 per-API parameters: a converted request carries only what the target API accepts.</summary>
public sealed class ParameterTableTests
{
    /// <summary>What Codex CLI sends: developer messages, include, client_metadata, prompt_cache_key, text.verbosity, reasoning, hosted tools.</summary>
    internal const string CodexRequest = """
        {
          "model": "gpt-5-codex", "instructions": "You are Codex.", "stream": true, "store": false, "parallel_tool_calls": false,
          "include": [ "reasoning.encrypted_content" ], "prompt_cache_key": "0199-session", "client_metadata": { "originator": "codex_exec" },
          "reasoning": { "effort": "medium", "summary": "auto" }, "text": { "verbosity": "low" }, "tool_choice": "auto",
          "input": [
            { "type": "message", "role": "developer", "content": [ { "type": "input_text", "text": "<permissions>workspace-write</permissions>" } ] },
            { "type": "message", "role": "user", "content": [ { "type": "input_text", "text": "Add a README." } ] },
            { "type": "reasoning", "id": "rs_1", "summary": [ { "type": "summary_text", "text": "Need a file." } ], "encrypted_content": "gAAAA-secret" },
            { "type": "custom_tool_call", "id": "ctc_1", "call_id": "call_p", "name": "apply_patch", "input": "*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch" },
            { "type": "custom_tool_call_output", "call_id": "call_p", "output": "Success." }
          ],
          "tools": [
            { "type": "function", "name": "shell", "description": "Run a command", "strict": false, "parameters": { "type": "object", "properties": { "command": { "type": "array", "items": { "type": "string" } } } } },
            { "type": "custom", "name": "apply_patch", "description": "Edit files", "format": { "type": "grammar", "syntax": "lark", "definition": "start: begin_patch" } },
            { "type": "web_search", "external_web_access": false },
            { "type": "tool_search" },
            { "type": "namespace", "name": "mcp__docs", "description": "Docs", "tools": [ { "type": "function", "name": "lookup", "parameters": {} } ] }
          ]
        }
        """;

    public static TheoryData<AccountPlatform> Platforms => [AccountPlatform.OpenAi, AccountPlatform.OpenAiCompatible];

    [Theory]
    [MemberData(nameof(Platforms))]
    public void CodexRequest_ReachesAChatUpstream_WithOnlyChatParameters_ItsMcpNamespaceFlat_AndItsHostedToolsNamed(AccountPlatform platform)
    {
        var converted = Conversions.ToChat(Golden.Parse(CodexRequest), out var dropped, platform);

        Assert.All(converted.Select(p => p.Key), key => Assert.Contains(key, ChatToResponsesParameters.Table.Names));
        Assert.Equal(["web_search", "tool_search"], dropped);
        Assert.Equal(["shell", "apply_patch", "mcp__docs__lookup"], converted["tools"]!.AsArray().Select(t => (t!["function"] ?? t["custom"])!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("gAAAA-secret", converted.ToJsonString(), StringComparison.Ordinal);
        Golden.AssertEqual("""
            [
              {"role":"system","content":"You are Codex.\n\n<permissions>workspace-write</permissions>"},
              {"role":"user","content":[{"type":"text","text":"Add a README."}]},
              {"role":"assistant","content":null,"reasoning_content":"Need a file.","tool_calls":[CALL]},
              {"role":"tool","tool_call_id":"call_p","content":"Success."}
            ]
            """.Replace("CALL", platform == AccountPlatform.OpenAi
                ? """{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}}"""
                : """{"id":"call_p","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** Add File: README.md\\n+hi\\n*** End Patch\"}"}}""",
                StringComparison.Ordinal), converted["messages"]);
        Assert.Equal(platform == AccountPlatform.OpenAi, converted.ContainsKey("prompt_cache_key"));
        Assert.Equal(platform == AccountPlatform.OpenAi, converted.ContainsKey("verbosity"));
    }

    [Fact]
    public void EveryTarget_IsAParameterOfTheOtherApi()
    {
        Assert.All(ResponsesToChatParameters.Table.Rules.SelectMany(r => r.Targets), target => Assert.Contains(target, ChatToResponsesParameters.Table.Names));
        Assert.All(ChatToResponsesParameters.Table.Rules.SelectMany(r => r.Targets), target => Assert.Contains(target, ResponsesToChatParameters.Table.Names));
    }

    [Fact]
    public void UnknownParameters_AreLeftOut_InBothDirections()
    {
        var toChat = Conversions.ToChat(Golden.Parse("""{"model":"m","input":"x","vendor_flag":true,"thinking":{"type":"enabled"}}"""));
        var toResponses = Conversions.ToResponses(Golden.Parse("""{"model":"m","messages":[],"vendor_flag":true,"enable_thinking":true}"""));

        Assert.Equal(["model", "messages"], toChat.Select(p => p.Key));
        Assert.Equal(["model", "input", "store"], toResponses.Select(p => p.Key));
    }

    [Fact]
    public void ChatWebSearchOptions_AreDropped_AndNamed()
    {
        var converted = Conversions.ToResponses(Golden.Parse("""{"model":"m","messages":[],"web_search_options":{"search_context_size":"low"}}"""), out var dropped);

        Assert.False(converted.ContainsKey("web_search_options"));
        Assert.Equal(["web_search_options"], dropped);
    }

    [Theory]
    [InlineData("conversation", """{"id":"conv_1"}""")]
    [InlineData("prompt", """{"id":"pmpt_1","version":"2"}""")]
    public void ServerSideStateAChatUpstreamCannotHave_IsRefused(string parameter, string value)
    {
        var request = Golden.Parse("""{"model":"m","input":"x"}""");
        request[parameter] = JsonNode.Parse(value);

        var refused = Assert.Throws<Gateway.Core.Protocols.Conversion.ConversionRejectedException>(() => Conversions.ToChat(request));

        Assert.Equal(("unsupported_parameter", parameter), (refused.Code, refused.Param));
    }
}
