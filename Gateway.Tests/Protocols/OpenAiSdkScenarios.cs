#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols;

/// <summary>
/// Conversations the official OpenAI .NET SDK holds with the gateway, the same whichever upstream serves them: the weather
/// of Paris (and Rome) through a <c>weather</c> tool, answered and asked again; a plain streamed question.
/// </summary>
internal static class OpenAiSdkScenarios
{
    public const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    public static ChatClient ChatClient(EngineHarness gateway) =>
        new("gpt-4o", new ApiKeyCredential(gateway.Key), new OpenAIClientOptions { Endpoint = new Uri(gateway.Address, "v1") });

    public static ResponsesClient ResponsesClient(EngineHarness gateway) =>
        new(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });

    public static ChatCompletionOptions WeatherTool() =>
        new() { Tools = { ChatTool.CreateFunctionTool("weather", "Weather of a city", BinaryData.FromString(WeatherSchema)) } };

    /// <summary>"Weather in Paris and Rome?" with a system prompt; the two calls answered 18C and 24C; asked again.</summary>
    public static Task<(ChatCompletion First, ChatCompletion Second)> ChatWeatherRoundTripAsync(EngineHarness gateway) =>
        ChatWeatherRoundTripAsync(ChatClient(gateway));

    /// <inheritdoc cref="ChatWeatherRoundTripAsync(EngineHarness)"/>
    public static async Task<(ChatCompletion First, ChatCompletion Second)> ChatWeatherRoundTripAsync(ChatClient client)
    {
        var options = WeatherTool();
        List<ChatMessage> messages = [new SystemChatMessage("Be terse."), new UserChatMessage("Weather in Paris and Rome?")];
        ChatCompletion first = await client.CompleteChatAsync(messages, options);
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, "18C"));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, "24C"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options);
        return (first, second);
    }

    /// <summary>"Weather?" with the weather tool, streamed.</summary>
    public static Task<ChatStreamRead> ChatWeatherStreamAsync(EngineHarness gateway) => ChatWeatherStreamAsync(ChatClient(gateway));

    /// <inheritdoc cref="ChatWeatherStreamAsync(EngineHarness)"/>
    public static Task<ChatStreamRead> ChatWeatherStreamAsync(ChatClient client) =>
        SdkStreams.ReadAsync(client.CompleteChatStreamingAsync([new UserChatMessage("Weather?")], WeatherTool()));

    /// <summary>"Weather in Paris?" with instructions and the weather tool; its one call answered 18C; asked again.</summary>
    public static Task<(ResponseResult First, FunctionCallResponseItem Call, ResponseResult Second)> ResponsesWeatherRoundTripAsync(EngineHarness gateway, int? maxOutputTokens = null) =>
        ResponsesWeatherRoundTripAsync(ResponsesClient(gateway), maxOutputTokens);

    /// <inheritdoc cref="ResponsesWeatherRoundTripAsync(EngineHarness, int?)"/>
    public static async Task<(ResponseResult First, FunctionCallResponseItem Call, ResponseResult Second)> ResponsesWeatherRoundTripAsync(ResponsesClient client, int? maxOutputTokens = null)
    {
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("Weather in Paris?")];
        var options = new CreateResponseOptions("gpt-4o", input) { Instructions = "Be terse.", MaxOutputTokenCount = maxOutputTokens };
        options.Tools.Add(ResponseTool.CreateFunctionTool("weather", BinaryData.FromString(WeatherSchema), strictModeEnabled: false, functionDescription: "Weather"));
        ResponseResult first = await client.CreateResponseAsync(options);
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        input.Add(call);
        input.Add(ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18C"));
        ResponseResult second = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", input) { Instructions = "Be terse." });
        return (first, call, second);
    }

    /// <summary>"hi", streamed, without tools.</summary>
    public static async Task<ResponsesStreamRead> ResponsesStreamAsync(EngineHarness gateway) =>
        await SdkStreams.ReadAsync(await ResponsesClient(gateway).CreateResponseStreamingAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("hi")]) { StreamingEnabled = true }));

    /// <summary>The update kinds of a streamed text answer, as the SDK names them.</summary>
    public static readonly string[] TextStreamKinds =
        ["Created", "InProgress", "OutputItemAdded", "ContentPartAdded", "OutputTextDelta", "OutputTextDelta", "OutputTextDone", "ContentPartDone", "OutputItemDone", "Completed"];
}
