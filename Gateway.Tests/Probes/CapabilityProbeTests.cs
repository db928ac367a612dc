using System.Net;

namespace Gateway.Tests.Probes;

public sealed class CapabilityProbeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly ICapabilityProbe _probe;
    private ScriptedUpstream _upstream = null!;

    public CapabilityProbeTests()
    {
        _services = ProbeServices(_clock);
        _probe = _services.GetRequiredService<ICapabilityProbe>();
    }

    public async Task InitializeAsync() => _upstream = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(405, false)]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(200, true)]
    [InlineData(500, true)]
    public void Status_DecidesResponsesSupport(int status, bool supported) =>
        Assert.Equal(supported, ProbeVerdicts.ResponsesSupported(status));

    [Theory]
    [InlineData("https://api.deepseek.com", ApiProtocol.Responses, "https://api.deepseek.com/v1/responses")]
    [InlineData("https://api.deepseek.com/", ApiProtocol.Responses, "https://api.deepseek.com/v1/responses")]
    [InlineData("https://api.deepseek.com/v1", ApiProtocol.Responses, "https://api.deepseek.com/v1/responses")]
    [InlineData("https://api.deepseek.com/v1/", ApiProtocol.Chat, "https://api.deepseek.com/v1/chat/completions")]
    [InlineData("https://host.test/openai", ApiProtocol.Chat, "https://host.test/openai/v1/chat/completions")]
    [InlineData("https://api.anthropic.com", ApiProtocol.Messages, "https://api.anthropic.com/v1/messages")]
    [InlineData("https://api.anthropic.com/v1", ApiProtocol.Messages, "https://api.anthropic.com/v1/messages")]
    public void UpstreamEndpoint_AppendsV1OnlyOnce(string baseUrl, ApiProtocol protocol, string expected) =>
        Assert.Equal(expected, UpstreamHttp.EndpointFor(baseUrl, protocol).ToString());

    [Fact]
    public async Task Upstream404_IsUnsupportedAfterOneMinimalNonStreamingPost()
    {
        var verdict = await ProbeAnsweredAsync(UpstreamReply.Error(404, "Not found"), "sk-probe");

        Assert.Equal((false, 404), (verdict.ResponsesSupported, verdict.Status));
        Assert.Contains("404", verdict.Detail);
        var request = Assert.Single(_upstream.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/responses", request.Path);
        Assert.Equal("Bearer sk-probe", request.Headers["Authorization"]);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.False(body["stream"]!.GetValue<bool>());
        Assert.Equal("gpt-4o-mini", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUpstreamThatEchoesTheKey_LeavesItOutOfTheStoredDetail_WhichViewersRead()
    {
        var verdict = await ProbeAnsweredAsync(UpstreamReply.Error(401, "Incorrect API key provided: sk-probe-secret-1234."), "sk-probe-secret-1234");

        Assert.Equal(401, verdict.Status);
        Assert.DoesNotContain("sk-probe-secret-1234", verdict.Detail);
        Assert.Contains($"Incorrect API key provided: {SecretScrubber.Redacted}", verdict.Detail);
    }

    [Fact]
    public async Task Upstream405_IsUnsupported()
    {
        var verdict = await ProbeAnsweredAsync(UpstreamReply.Html(405, "<h1>Method Not Allowed</h1>"));

        Assert.Equal((false, 405), (verdict.ResponsesSupported, verdict.Status));
    }

    [Fact]
    public async Task Upstream400_IsSupportedAndTheErrorMessageIsKeptAsDetail()
    {
        var verdict = await ProbeAnsweredAsync(UpstreamReply.Error(400, "Unknown model gpt-4o-mini"));

        Assert.Equal((true, 400), (verdict.ResponsesSupported, verdict.Status));
        Assert.Contains("Unknown model gpt-4o-mini", verdict.Detail);
    }

    [Fact]
    public async Task Upstream200_IsSupported_AndABaseUrlEndingInV1IsNotDoubled()
    {
        _upstream.On("/v1/responses", UpstreamReply.Json("""{"id":"resp_1","object":"response","status":"completed"}"""));
        var account = Account(_upstream.BaseUrl + "/v1");
        account.ModelMapping = new() { ["gpt-*"] = "gpt-*", ["gpt-4o"] = "deepseek-chat" };

        var verdict = await _probe.ProbeAsync(account, new AccountSecret { ApiKey = "k" }, default);

        Assert.Equal((true, 200), (verdict.ResponsesSupported, verdict.Status));
        var request = Assert.Single(_upstream.Received);
        Assert.Equal("/v1/responses", request.Path);
        Assert.Equal("deepseek-chat", JsonNode.Parse(request.Body)!["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task AnthropicAccount_IsProbedWithAMinimalMessagesRequest_AndNeverServesResponses(int status)
    {
        _upstream.On("/v1/messages", status == 200
            ? AnthropicReplies.Message("end_turn", AnthropicReplies.Text("pong"))
            : AnthropicReplies.Error(404, "not_found_error", "model: claude-haiku-4-5"));
        var account = Account(_upstream.BaseUrl);
        account.Platform = AccountPlatform.Anthropic;

        var verdict = await _probe.ProbeAsync(account, new AccountSecret { ApiKey = "sk-ant-probe" }, default);

        Assert.Equal((false, status), (verdict.ResponsesSupported, verdict.Status));
        var request = Assert.Single(_upstream.Received);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("sk-ant-probe", request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Golden.AssertEqual(
            """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"ping"}],"max_tokens":16,"stream":false}""",
            JsonNode.Parse(request.Body));
        if (status == 404)
        {
            Assert.Contains("model: claude-haiku-4-5", verdict.Detail);
        }
    }

    [Fact]
    public async Task HugeAnswer_IsReadOnlyUpToTheCap()
    {
        var verdict = await ProbeAnsweredAsync(UpstreamReply.Json(new string('x', 4 * 1024 * 1024)));

        Assert.True(verdict.ResponsesSupported);
        Assert.True(verdict.Detail.Length < 1000);
    }

    [Fact]
    public async Task RefusedConnection_IsUnknown()
    {
        var verdict = await _probe.ProbeAsync(Account($"http://127.0.0.1:{ClosedPort()}"), new AccountSecret { ApiKey = "k" }, default);

        Assert.Null(verdict.ResponsesSupported);
        Assert.Null(verdict.Status);
        Assert.StartsWith("Network error", verdict.Detail);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, verdict.ProbedAt);
    }

    [Fact]
    public async Task SilentUpstream_IsUnknownOnceTheFifteenSecondProbeTimeoutPasses()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = ProbeServices(clock);
        _upstream.On("/v1/responses", UpstreamReply.Json("{}") with { Delay = TimeSpan.FromMinutes(5) });

        var probing = provider.GetRequiredService<ICapabilityProbe>().ProbeAsync(Account(_upstream.BaseUrl), new AccountSecret { ApiKey = "k" }, default);
        await Eventually.TrueAsync(() => Task.FromResult(_upstream.Received.Count == 1), "the probe request");
        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.False(probing.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var verdict = await probing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(verdict.ResponsesSupported);
        Assert.Null(verdict.Status);
        Assert.Equal("No answer within 15 s.", verdict.Detail);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, verdict.ProbedAt);
        Assert.True(await _upstream.Received[0].Aborted);
    }

    [Fact]
    public async Task UpstreamThatAnswersHeadersThenStalls_IsAlsoUnknownAtTheProbeTimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = ProbeServices(clock);
        _upstream.On("/v1/responses", new UpstreamReply { Events = [], HoldOpenAfterSending = TimeSpan.FromMinutes(5) });

        var probing = provider.GetRequiredService<ICapabilityProbe>().ProbeAsync(Account(_upstream.BaseUrl), new AccountSecret { ApiKey = "k" }, default);
        await Eventually.TrueAsync(() => Task.FromResult(_upstream.Received.Count == 1), "the probe request");
        clock.Advance(TimeSpan.FromSeconds(15));
        var verdict = await probing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(verdict.ResponsesSupported);
        Assert.Equal("No answer within 15 s.", verdict.Detail);
    }

    /// <summary>Probes an account whose upstream answers the probe's POST /v1/responses with <paramref name="reply"/>.</summary>
    private Task<ProbeVerdict> ProbeAnsweredAsync(UpstreamReply reply, string apiKey = "k")
    {
        _upstream.On("/v1/responses", reply);
        return _probe.ProbeAsync(Account(_upstream.BaseUrl), new AccountSecret { ApiKey = apiKey }, default);
    }

    private static ServiceProvider ProbeServices(TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddOptions<GatewayOptions>();
        services.AddGatewayResilience();
        services.AddSingleton<UpstreamHttp>();
        services.AddCapabilityProbe();
        return services.BuildServiceProvider();
    }

    /// <summary>A loopback port nothing listens on, so connecting is refused.</summary>
    internal static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Account Account(string baseUrl) => new() { Id = 7, Name = "probe-test", BaseUrl = baseUrl };
}
