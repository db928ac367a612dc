namespace Gateway.Tests.Forwarding;

/// <summary>
/// An answer the gateway cannot convert, before anything reached the client: another account may give one it can, so the
/// request fails over as a broken answer; the fault is the gateway's, so the account is not blamed for it.
/// </summary>
public sealed class ConversionFailureTests
{
    private const string Unconvertible = "an answer the converter cannot take";

    [Fact]
    public async Task ANonStreamedAnswerTheGatewayCannotConvert_FailsOverToAnotherAccount_AndCoolsNothingDown()
    {
        await using var gateway = await EngineHarness.StartAsync(services => services.Replace(ServiceDescriptor.Singleton<IProtocolConverterFactory>(
            sp => new RefusingFactory(ActivatorUtilities.CreateInstance<ProtocolConverterFactory>(sp)))));
        var (first, firstUpstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Name = "first", Priority = 1 });
        var (second, secondUpstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Name = "second", Priority = 2 });
        firstUpstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion(Unconvertible));
        secondUpstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Converted."));

        var answer = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Hi"}""", requestId: "unconvertible");

        Assert.Contains("Converted.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var usage = await gateway.UsageAsync("unconvertible");
        Assert.Equal((200, second.Id), (usage.Status, usage.AccountId));
        Assert.Equal(("broken_answer", "account_switch", 200), (usage.Trace[0].FailureClass, usage.Trace[0].Decision, usage.Trace[0].Status));
        await gateway.AssertUnpenalisedAsync(first.Id);
    }

    private sealed class RefusingFactory(IProtocolConverterFactory inner) : IProtocolConverterFactory
    {
        public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, ConversionContext context) => new Refusing(inner.Create(inbound, upstream, context));
    }

    // Converts as the gateway does, except an answer that says Unconvertible, on which it throws as a converter would on a shape it cannot read.
    private sealed class Refusing(IProtocolConverter inner) : IProtocolConverter
    {
        public ApiProtocol Inbound => inner.Inbound;

        public ApiProtocol Upstream => inner.Upstream;

        public IReadOnlyList<string> DroppedTools => inner.DroppedTools;

        public string? ClientResponseId => inner.ClientResponseId;

        public JsonObject ConvertRequest(JsonObject clientRequest) => inner.ConvertRequest(clientRequest);

        public JsonObject ConvertResponse(JsonObject upstreamResponse) => upstreamResponse.ToJsonString().Contains(Unconvertible, StringComparison.Ordinal)
            ? throw new InvalidOperationException("The answer has a shape the converter cannot read.")
            : inner.ConvertResponse(upstreamResponse);

        public IStreamConverter CreateStreamConverter() => inner.CreateStreamConverter();
    }
}
