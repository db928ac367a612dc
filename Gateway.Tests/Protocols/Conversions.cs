namespace Gateway.Tests.Protocols;

/// <summary>Request conversions through the real converter factory, as the attempt loop makes them.</summary>
internal static class Conversions
{
    /// <summary>The factory as the host registers it, over a fixed clock and a response recorder that keeps nothing.</summary>
    public static IProtocolConverterFactory Factory { get; } =
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(TestClock.Start))
            .AddSingleton<IResponseRecorder, NoResponses>()
            .AddOptions()
            .AddProtocolConversion()
            .BuildServiceProvider()
            .GetRequiredService<IProtocolConverterFactory>();

    /// <summary>The converter of one attempt from <paramref name="inbound"/> to <paramref name="upstream"/>, for a client asking for <paramref name="model"/>.</summary>
    public static IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, string model) =>
        Factory.Create(inbound, upstream, new ConversionContext(model)
        {
            UpstreamPlatform = upstream == ApiProtocol.Messages ? AccountPlatform.Anthropic : AccountPlatform.OpenAiCompatible,
        });

    /// <summary>A Responses request as a Chat upstream of <paramref name="platform"/> receives it.</summary>
    public static JsonObject ToChat(JsonObject request, AccountPlatform platform = AccountPlatform.OpenAiCompatible, ConversationHistory? history = null) =>
        ToChat(request, out _, platform, history);

    public static JsonObject ToChat(JsonObject request, out IReadOnlyList<string> droppedTools, AccountPlatform platform = AccountPlatform.OpenAiCompatible, ConversationHistory? history = null)
    {
        var converter = Factory.Create(ApiProtocol.Responses, ApiProtocol.Chat, new ConversionContext("client-model") { UpstreamPlatform = platform, Conversation = history });
        var converted = converter.ConvertRequest(request);
        droppedTools = converter.DroppedTools;
        return converted;
    }

    /// <summary>A Chat request as a Responses upstream receives it.</summary>
    public static JsonObject ToResponses(JsonObject request) => ToResponses(request, out _);

    public static JsonObject ToResponses(JsonObject request, out IReadOnlyList<string> droppedTools)
    {
        var converter = Factory.Create(ApiProtocol.Chat, ApiProtocol.Responses, new ConversionContext("client-model"));
        var converted = converter.ConvertRequest(request);
        droppedTools = converter.DroppedTools;
        return converted;
    }

    private sealed class NoResponses : IResponseRecorder
    {
        public void Record(ConversationTurn turn)
        {
        }
    }
}
