namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway on a Kestrel loopback port with a group, a client key in it, a fake clock that moves only when a
/// test moves it (<see cref="GatewayClock"/>), and helpers to add accounts that each point at their own
/// <see cref="ScriptedUpstream"/>. Pool-mode retries and usage batches do not wait here unless a test sets a delay.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public const string ChatPath = "/v1/chat/completions";
    public const string ResponsesPath = "/v1/responses";
    public const string MessagesPath = "/v1/messages";

    /// <summary>What the healthy account of <see cref="AddFailingThenHealthyAsync"/> answers.</summary>
    public const string HealthyAnswer = "healthy answer";

    private readonly List<ScriptedUpstream> _upstreams = [];

    private EngineHarness(GatewayAppFactory app, Uri address, CountingTimeProvider time)
    {
        App = app;
        Address = address;
        Time = time;
    }

    public GatewayAppFactory App { get; }

    public Uri Address { get; }

    public CountingTimeProvider Time { get; }

    public long GroupId { get; private set; }

    /// <summary>The client key's secret.</summary>
    public string Key { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    /// <param name="settings">Extra configuration, e.g. <c>("Gateway:MaxAccountSwitches", "2")</c>.</param>
    public static Task<EngineHarness> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <param name="services">Replaces host services (e.g. the protocol selector) before the host starts.</param>
    public static async Task<EngineHarness> StartAsync(Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        var time = new CountingTimeProvider(DateTimeOffset.UtcNow);
        var app = new GatewayAppFactory().WithTimeProvider(time)
            .WithSetting("Gateway:SameAccountRetryDelay", "00:00:00")
            .WithSetting("Gateway:UsageBatchDelay", "00:00:00");

        // The capability probe has its own tests; here its POST /v1/responses would consume the upstreams' scripts.
        app.WithServices(s => s.Replace(ServiceDescriptor.Singleton<ICapabilityProbe, SilentProbe>()));
        if (services is not null)
        {
            app.WithServices(services);
        }

        foreach (var (key, value) in settings)
        {
            app.WithSetting(key, value);
        }

        var harness = new EngineHarness(app, app.StartRealServer(), time);
        await harness.InitialiseAsync();
        return harness;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Creates an account in the group backed by a fresh scripted upstream.</summary>
    public async Task<(Account Account, ScriptedUpstream Upstream)> AddAccountAsync(string name, Func<AccountInput, AccountInput>? customise = null)
    {
        var upstream = await ScriptedUpstream.StartAsync();
        _upstreams.Add(upstream);
        var input = new AccountInput
        {
            Name = name,
            Platform = AccountPlatform.OpenAiCompatible,
            BaseUrl = upstream.BaseUrl,
            ApiKey = $"sk-upstream-{name}",
            GroupIds = [GroupId],

            // Mirror the client's protocol unless a test is about protocol selection.
            EndpointMode = EndpointMode.Both,
        };
        input = customise?.Invoke(input) ?? input;
        var result = await Service<AccountAdminService>().CreateAsync(input, "test", CancellationToken.None);
        Assert.True(result.Value is not null, "account creation failed");
        await Service<AccountPool>().RefreshAsync(CancellationToken.None);
        return (result.Value!, upstream);
    }

    /// <summary>An account of the <c>anthropic</c> platform (it speaks Messages), named <paramref name="name"/>.</summary>
    public Task<(Account Account, ScriptedUpstream Upstream)> AddAnthropicAccountAsync(Func<AccountInput, AccountInput>? customise = null, string name = "anthropic") =>
        AddAccountAsync(name, i => (customise?.Invoke(i) ?? i) with { Platform = AccountPlatform.Anthropic });

    /// <summary>
    /// The account under test at priority 1 (its upstream scripted by the test), and behind it at priority 2 a healthy
    /// account whose upstream answers Chat with <see cref="HealthyAnswer"/>.
    /// </summary>
    public async Task<(Account Account, ScriptedUpstream Upstream, ScriptedUpstream Healthy)> AddFailingThenHealthyAsync(
        string name, Func<AccountInput, AccountInput>? customise = null, Func<AccountInput, AccountInput>? customiseHealthy = null)
    {
        var (account, upstream) = await AddAccountAsync(name, i => (customise?.Invoke(i) ?? i) with { Priority = 1 });
        var (_, healthy) = await AddAccountAsync("healthy", i => (customiseHealthy?.Invoke(i) ?? i) with { Priority = 2 });
        healthy.On(ChatPath, UpstreamReply.ChatCompletion(HealthyAnswer));
        return (account, upstream, healthy);
    }

    /// <summary>
    /// <see cref="AddFailingThenHealthyAsync"/>, the account under test scripted to answer <paramref name="failure"/>, and one
    /// Chat request sent, which must fail over to the healthy account: its answer's body.
    /// </summary>
    public async Task<(Account Account, ScriptedUpstream Upstream, string Body)> FailOverAsync(
        string name, UpstreamReply failure, Func<AccountInput, AccountInput>? customise = null, Func<AccountInput, AccountInput>? customiseHealthy = null)
    {
        var (account, upstream, _) = await AddFailingThenHealthyAsync(name, customise, customiseHealthy);
        upstream.On(ChatPath, failure);
        var body = await (await PostChatAsync()).Content.ReadAsStringAsync();
        Assert.Contains(HealthyAnswer, body);
        return (account, upstream, body);
    }

    /// <summary>How long the stored account still cools down on the gateway's clock.</summary>
    public async Task<TimeSpan> CooldownLeftAsync(long accountId) =>
        (await AccountAsync(accountId)).CooldownUntil!.Value - Time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// An account serving only <paramref name="mode"/> (Chat or Responses), named after it, with its capability probe
    /// settled to match: a client of the other protocol is converted.
    /// </summary>
    public async Task<(Account Account, ScriptedUpstream Upstream)> AddOneProtocolAccountAsync(EndpointMode mode, Func<AccountInput, AccountInput>? customise = null)
    {
        var name = mode == EndpointMode.Responses ? "responses-only" : "chat-only";
        var (account, upstream) = await AddAccountAsync(name, i => (customise?.Invoke(i) ?? i) with { EndpointMode = mode });
        await SettleProbeAsync(account.Id, mode == EndpointMode.Responses);
        return (account, upstream);
    }

    /// <summary>An account that speaks only <paramref name="protocol"/>: a Chat-only or Responses-only one (<see cref="AddOneProtocolAccountAsync"/>), or an anthropic one.</summary>
    public Task<(Account Account, ScriptedUpstream Upstream)> AddAccountSpeakingAsync(ApiProtocol protocol) => protocol switch
    {
        ApiProtocol.Chat => AddOneProtocolAccountAsync(EndpointMode.Chat),
        ApiProtocol.Responses => AddOneProtocolAccountAsync(EndpointMode.Responses),
        _ => AddAnthropicAccountAsync(),
    };

    /// <summary>
    /// Waits for the (silent) capability probe queued when the account was created, so its verdict cannot
    /// overwrite the one the test wants; then sets that verdict.
    /// </summary>
    public async Task SettleProbeAsync(long accountId, bool? responsesSupported)
    {
        await Eventually.TrueAsync(async () => (await AccountAsync(accountId)).ProbedAt is not null, $"account {accountId}'s capability probe");
        await using (var db = App.CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ResponsesSupported, responsesSupported));
        }

        await Service<AccountPool>().RefreshAsync(CancellationToken.None);
    }

    /// <summary>The stored account row.</summary>
    public async Task<Account> AccountAsync(long id)
    {
        await using var db = App.CreateDbContext();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>The stored account kept its state: no cooldown, no 403 strike, still active, and no model of it suspended.</summary>
    public async Task AssertUnpenalisedAsync(long accountId)
    {
        var stored = await AccountAsync(accountId);
        Assert.Equal((null, 0, AccountStatus.Active), (stored.CooldownUntil, stored.ForbiddenStrikes, stored.Status));
        Assert.Empty(await SuspensionsAsync(accountId));
    }

    public async Task<List<ModelSuspension>> SuspensionsAsync(long accountId)
    {
        await using var db = App.CreateDbContext();
        return await db.ModelSuspensions.AsNoTracking().Where(s => s.AccountId == accountId).ToListAsync();
    }

    /// <summary>The usage row of a request, waiting for the background writer.</summary>
    public Task<UsageLog> UsageAsync(string requestId) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var db = App.CreateDbContext();
            return await db.UsageLogs.AsNoTracking().FirstOrDefaultAsync(u => u.ClientRequestId == requestId || u.RequestId == requestId);
        }, $"the usage row of {requestId}");

    /// <summary>
    /// A Chat request whose client leaves once <paramref name="upstream"/> has had a request (<paramref name="what"/> names
    /// that wait): the usage row the gateway writes on seeing it leave.
    /// </summary>
    public async Task<UsageLog> PostChatAndLeaveAsync(string requestId, ScriptedUpstream upstream, string what)
    {
        using var leave = new CancellationTokenSource();
        var pending = PostChatAsync(requestId: requestId, ct: leave.Token);
        await upstream.ReceivedAsync(ChatPath, what);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        return await UsageAsync(requestId);
    }

    public static string ChatBody(string model = "gpt-4o", bool stream = false, string content = "hi") =>
        new JsonObject
        {
            ["model"] = model,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        }.ToJsonString();

    public Task<HttpResponseMessage> PostChatAsync(string? body = null, string? requestId = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken ct = default) =>
        PostAsync(ChatPath, body ?? ChatBody(), requestId, completion, ct);

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? requestId = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestId is not null)
        {
            request.Headers.Add("x-request-id", requestId);
        }

        return await Client.SendAsync(request, completion, ct);
    }

    /// <summary>
    /// A chat request written on a raw connection with the key's headers, <paramref name="headers"/> (each ending in CRLF)
    /// and <paramref name="body"/> as given, for bodies no HTTP client sends (announced longer than sent, badly chunked);
    /// the answer is read until its head and the end of its JSON body have arrived.
    /// </summary>
    public async Task<(int Status, string Answer)> RawChatPostAsync(string headers, string body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port);
        var stream = tcp.GetStream();
        var request = $"POST {ChatPath} HTTP/1.1\r\nHost: {Address.Authority}\r\nAuthorization: Bearer {Key}\r\n"
            + $"Content-Type: application/json\r\n{headers}\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[64 * 1024];
        var answer = new StringBuilder();
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) || !answer.ToString().Contains('}'))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = answer.ToString();
        return (int.Parse(text.Split(' ')[1], CultureInfo.InvariantCulture), text);
    }

    /// <summary>Another API key of the group: its secret.</summary>
    public async Task<string> AddKeyAsync(string name, Func<ApiKeyInput, ApiKeyInput>? customise = null)
    {
        var input = new ApiKeyInput(name, GroupId);
        var key = await Service<ApiKeyAdminService>().CreateAsync(customise?.Invoke(input) ?? input, "test", CancellationToken.None);
        return key.Value!.Secret;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }
    }

    private async Task InitialiseAsync()
    {
        var group = await Service<GroupAdminService>().CreateAsync("team", null, "test", CancellationToken.None);
        GroupId = group.Value!.Id;
        Key = await AddKeyAsync("client");
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    private sealed class SilentProbe(TimeProvider time) : ICapabilityProbe
    {
        public Task<ProbeVerdict> ProbeAsync(Account account, AccountSecret secret, CancellationToken cancellationToken) =>
            Task.FromResult(new ProbeVerdict(null, null, "not probed in engine tests", time.GetUtcNow().UtcDateTime));
    }

    /// <summary>Reads a JSON answer.</summary>
    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
