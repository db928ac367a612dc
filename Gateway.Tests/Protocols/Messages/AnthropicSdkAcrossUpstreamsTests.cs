using Anthropic.Models.Messages;

namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// The "done when": the official Anthropic SDK holds the same tool conversation — thinking, text, two parallel
/// tool calls, both results sent back, the final answer — streamed and not, with a Chat, a Responses and an Anthropic
/// upstream behind the gateway.
/// </summary>
public sealed class AnthropicSdkAcrossUpstreamsTests
{
    [Theory]
    [InlineData(ApiProtocol.Chat, false)]
    [InlineData(ApiProtocol.Chat, true)]
    [InlineData(ApiProtocol.Responses, false)]
    [InlineData(ApiProtocol.Responses, true)]
    [InlineData(ApiProtocol.Messages, false)]
    [InlineData(ApiProtocol.Messages, true)]
    public async Task ThinkingTextParallelToolUseAndTheRoundTrip(ApiProtocol upstreamProtocol, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("upstream", i => upstreamProtocol == ApiProtocol.Messages
            ? i with { Platform = AccountPlatform.Anthropic }
            : i with { EndpointMode = upstreamProtocol == ApiProtocol.Chat ? EndpointMode.Chat : EndpointMode.Responses });
        var path = WeatherTurns.PathFor(upstreamProtocol);
        upstream.On(path, WeatherTurns.Calls(upstreamProtocol, stream), WeatherTurns.Final(upstreamProtocol, stream));
        var (first, calls, second) = await ToolLoopAsync(AnthropicSdk.For(gateway), stream);

        Assert.Equal(StopReason.ToolUse, (StopReason)first.StopReason!);
        Assert.True(first.Content[0].TryPickThinking(out var thinking));
        Assert.True(first.Content[1].TryPickText(out var text));
        Assert.Equal((WeatherTurns.Thinking, WeatherTurns.Text), (thinking.Thinking, text.Text));
        Assert.Equal(["Paris", "Rome"], calls.Select(c => c.Input["city"].GetString()));
        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal((WeatherTurns.Answer, StopReason.EndTurn), (answer.Text, (StopReason)second.StopReason!));
        AssertResultsReachedTheUpstream(upstreamProtocol, JsonNode.Parse(upstream.RequestsTo(path)[1].Body)!, calls);
    }

    /// <summary>
    /// Thinking a Chat account gave (unsigned) or a Responses account gave (signed by the gateway, for that account's
    /// encrypted reasoning) is no thinking Anthropic signed: it is left out, and the tool loop goes on without thinking.
    /// </summary>
    [Theory]
    [InlineData(EndpointMode.Chat, false)]
    [InlineData(EndpointMode.Chat, true)]
    [InlineData(EndpointMode.Responses, false)]
    [InlineData(EndpointMode.Responses, true)]
    public async Task AToolLoopBegunOnAnOpenAiAccount_ContinuesOnAnAnthropicAccount_WithoutTheThinkingAnthropicDidNotSign(EndpointMode mode, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, openAi) = await gateway.AddAccountAsync("openai", i => i with { EndpointMode = mode, Priority = 1 });
        var (_, anthropic) = await gateway.AddAnthropicAccountAsync(i => i with { Priority = 2 });
        var calls = mode == EndpointMode.Chat ? WeatherTurns.Calls(ApiProtocol.Chat, stream) : WeatherTurns.ResponsesCallsWithEncryptedReasoning(stream);
        openAi.On(mode == EndpointMode.Chat ? EngineHarness.ChatPath : EngineHarness.ResponsesPath, calls, UpstreamReply.Error(429, "Slow down", "rate_limit_error"));
        anthropic.On(AnthropicReplies.MessagesPath, WeatherTurns.Final(ApiProtocol.Messages, stream));
        var (first, _, second) = await ToolLoopAsync(AnthropicSdk.For(gateway), stream);

        Assert.True(first.Content[0].TryPickThinking(out var thinking));
        Assert.Equal(mode == EndpointMode.Responses, thinking.Signature.Length > 0);
        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal(WeatherTurns.Answer, answer.Text);
        var followUp = JsonNode.Parse(anthropic.RequestsTo(AnthropicReplies.MessagesPath).Single().Body)!;
        Assert.Equal(["text", "tool_use", "tool_use"], followUp["messages"]![1]!["content"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
        Assert.Null(followUp["thinking"]);
        Assert.Equal(["tool_result", "tool_result"], followUp["messages"]![2]!["content"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaudeCodeToolLoopOnResponses_SendsTheEncryptedReasoningBack(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("responses", i => i with { EndpointMode = EndpointMode.Responses });
        upstream.On(EngineHarness.ResponsesPath, WeatherTurns.ResponsesCallsWithEncryptedReasoning(stream), WeatherTurns.Final(ApiProtocol.Responses, stream));
        var (first, _, second) = await ToolLoopAsync(AnthropicSdk.For(gateway), stream);

        Assert.True(first.Content[0].TryPickThinking(out var thinking));
        Assert.Equal(WeatherTurns.Thinking, thinking.Thinking);
        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal(WeatherTurns.Answer, answer.Text);
        var requests = upstream.RequestsTo(EngineHarness.ResponsesPath).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(requests, r => Golden.AssertEqual("""["reasoning.encrypted_content"]""", r["include"]));
        Golden.AssertEqual($$"""
            [
              {"type":"message","role":"user","content":"Weather in Paris and Rome?"},
              {"id":"rs_w","type":"reasoning","summary":[{"type":"summary_text","text":"{{WeatherTurns.Thinking}}"}],"encrypted_content":"{{WeatherTurns.EncryptedReasoning}}"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"{{WeatherTurns.Text}}","annotations":[]}]},
              {"type":"function_call","call_id":"call_p","name":"weather","arguments":"{\"city\":\"Paris\"}"},
              {"type":"function_call","call_id":"call_r","name":"weather","arguments":"{\"city\":\"Rome\"}"},
              {"type":"function_call_output","call_id":"call_p","output":"18C"},
              {"type":"function_call_output","call_id":"call_r","output":"24C"}
            ]
            """, requests[1]["input"]);
    }

    /// <summary>
    /// The weather question with thinking on, then the first answer's turn (as the client holds it) with the results of
    /// both calls: the first answer, its calls and the second answer.
    /// </summary>
    private static async Task<(Message First, List<ToolUseBlock> Calls, Message Second)> ToolLoopAsync(AnthropicClient client, bool stream)
    {
        List<MessageParam> messages = [new UserMessageParam("Weather in Paris and Rome?")];
        var parameters = new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 4096, Thinking = new ThinkingConfigEnabled(2048), Messages = messages, Tools = [AnthropicSdk.WeatherTool] };

        var first = await SendAsync(client, parameters, stream);
        messages.Add(new AssistantMessageParam(new List<ContentBlockParam>([.. first.Content.Select(AsParam)])));
        var calls = first.Content.Select(b => b.TryPickToolUse(out var use) ? use : null).OfType<ToolUseBlock>().ToList();
        messages.Add(new UserMessageParam(new List<ContentBlockParam>
        {
            new ToolResultBlockParam(calls[0].ID) { Content = "18C" },
            new ToolResultBlockParam(calls[1].ID) { Content = "24C" },
        }));
        return (first, calls, await SendAsync(client, parameters with { Messages = messages }, stream));
    }

    private static async Task<Message> SendAsync(AnthropicClient client, MessageCreateParams parameters, bool stream) =>
        stream ? await client.Messages.CreateStreaming(parameters).Aggregate() : await client.Messages.Create(parameters);

    private static ContentBlockParam AsParam(ContentBlock block) =>
        block.TryPickThinking(out var thinking) ? new ThinkingBlockParam { Thinking = thinking.Thinking, Signature = thinking.Signature }
        : block.TryPickText(out var text) ? new TextBlockParam(text.Text)
        : block.TryPickToolUse(out var use) ? new ToolUseBlockParam { ID = use.ID, Name = use.Name, Input = use.Input }
        : throw new InvalidOperationException($"Unexpected block {block.Type}");

    private static void AssertResultsReachedTheUpstream(ApiProtocol upstream, JsonNode followUp, List<ToolUseBlock> calls)
    {
        switch (upstream)
        {
            case ApiProtocol.Chat:
                var assistant = followUp["messages"]![1]!;
                Assert.Equal(WeatherTurns.Thinking, assistant["reasoning_content"]!.GetValue<string>());
                Assert.Equal(
                    [(calls[0].ID, "18C"), (calls[1].ID, "24C")],
                    followUp["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => (m!["tool_call_id"]!.GetValue<string>(), m["content"]!.GetValue<string>())));
                break;
            case ApiProtocol.Responses:
                Assert.Equal(
                    [(calls[0].ID, "18C"), (calls[1].ID, "24C")],
                    followUp["input"]!.AsArray().Where(i => i!["type"]!.GetValue<string>() == "function_call_output").Select(i => (i!["call_id"]!.GetValue<string>(), i["output"]!.GetValue<string>())));
                break;
            default:
                // Anthropic gets its own thinking back, signed, as its tool loop requires.
                var turn = followUp["messages"]![1]!["content"]!;
                Golden.AssertEqual($$"""{"type":"thinking","thinking":"{{WeatherTurns.Thinking}}","signature":"{{WeatherTurns.Signature}}"}""", turn[0]);
                Assert.Equal(["tool_result", "tool_result"], followUp["messages"]![2]!["content"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
                break;
        }
    }
}
