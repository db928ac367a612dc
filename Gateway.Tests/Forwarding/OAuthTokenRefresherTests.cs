namespace Gateway.Tests.Forwarding;

/// <summary>The token refresh's own resilience (timeout per try, retries on transient failures), on a moved clock.</summary>
public sealed class OAuthTokenRefresherTests : IAsyncLifetime
{
    private const string TokenPath = "/oauth/token";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly GatewayAppFactory _app;
    private ScriptedUpstream _tokenEndpoint = null!;

    public OAuthTokenRefresherTests()
    {
        // No pause between tries: the clock only moves when a test moves it.
        _app = new GatewayAppFactory().WithTimeProvider(_time).WithSetting("Gateway:TokenRefreshRetryDelay", "00:00:00");
    }

    public async Task InitializeAsync() => _tokenEndpoint = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _tokenEndpoint.DisposeAsync();
    }

    [Fact]
    public async Task TokenRequestThatTimesOutOnce_SucceedsOnRetryAndStoresTheNewTokens()
    {
        _tokenEndpoint.On(
            TokenPath,
            UpstreamReply.Json("""{"access_token":"too-late"}""") with { Delay = TimeSpan.FromMinutes(10) },
            UpstreamReply.Json("""{"access_token":"at-new","refresh_token":"rt-new"}"""));
        var runtime = await AddOAuthAccountAsync();

        var refreshing = Refresher.RefreshAsync(runtime, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(_tokenEndpoint.CountTo(TokenPath) == 1), "the first token request");
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(refreshing.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await refreshing.WaitAsync(TimeSpan.FromSeconds(30)));
        var requests = _tokenEndpoint.RequestsTo(TokenPath);
        Assert.Equal(2, requests.Count);
        Assert.True(await requests[0].Aborted);
        Assert.All(requests, r => Assert.Contains("refresh_token=rt-old", r.Body));
        Assert.Equal(("at-new", "rt-new"), (runtime.Secret.AccessToken, runtime.Secret.RefreshToken));
        Assert.Equal("at-new", await StoredAccessTokenAsync(runtime.Id));
    }

    [Fact]
    public async Task TokenEndpointBrieflyDown_IsRetried()
    {
        _tokenEndpoint.On(TokenPath, UpstreamReply.Error(503, "try later", "server_error"), UpstreamReply.Json("""{"access_token":"at-new"}"""));
        var runtime = await AddOAuthAccountAsync();

        Assert.True(await Refresher.RefreshAsync(runtime, CancellationToken.None));

        Assert.Equal(2, _tokenEndpoint.CountTo(TokenPath));
        Assert.Equal(("at-new", "rt-old"), (runtime.Secret.AccessToken, runtime.Secret.RefreshToken));
    }

    [Fact]
    public async Task RefusedGrant_IsAnAnswerAndNotRetried()
    {
        _tokenEndpoint.On(TokenPath, UpstreamReply.Json("""{"error":"invalid_grant"}""", status: 400));
        var runtime = await AddOAuthAccountAsync();

        Assert.False(await Refresher.RefreshAsync(runtime, CancellationToken.None));

        Assert.Equal(1, _tokenEndpoint.CountTo(TokenPath));
        Assert.Equal("at-old", runtime.Secret.AccessToken);
    }

    [Fact]
    public async Task TokenAnswerLargerThanItsCap_FailsTheRefreshOnceWithoutRetryOrStoringIt()
    {
        _tokenEndpoint.On(TokenPath, UpstreamReply.Json("{\"access_token\":\"" + new string('a', 200_000) + "\"}"));
        var runtime = await AddOAuthAccountAsync();

        Assert.False(await Refresher.RefreshAsync(runtime, CancellationToken.None));

        Assert.Equal(1, _tokenEndpoint.CountTo(TokenPath));
        Assert.Equal("at-old", runtime.Secret.AccessToken);
        Assert.Single(_app.Logs.Entries, e => e.Contains("passed the read limit of 65536 bytes", StringComparison.Ordinal));
    }

    /// <summary>A 200 whose body is no JSON object or holds no access token as a string fails the refresh, saying so; nothing is stored.</summary>
    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"at-new\"")]
    [InlineData("""{"access_token":42}""")]
    [InlineData("""{"access_token":{"value":"at-new"}}""")]
    [InlineData("""{"access_token":""}""")]
    [InlineData("""{"token":"at-new"}""")]
    public async Task TokenAnswerWithoutAnAccessToken_FailsTheRefreshOnceAndSaysSo(string answer)
    {
        _tokenEndpoint.On(TokenPath, UpstreamReply.Json(answer));
        var runtime = await AddOAuthAccountAsync();

        Assert.False(await Refresher.RefreshAsync(runtime, CancellationToken.None));

        Assert.Equal(1, _tokenEndpoint.CountTo(TokenPath));
        Assert.Equal(("at-old", "rt-old"), (runtime.Secret.AccessToken, runtime.Secret.RefreshToken));
        Assert.Equal("at-old", await StoredAccessTokenAsync(runtime.Id));
        Assert.Single(_app.Logs.Entries, e => e.Contains("answer held no access token", StringComparison.Ordinal));
        Assert.Empty(_app.Logs.Problems);
    }

    [Fact]
    public async Task ARefreshTokenOfAnotherKind_KeepsTheOldOne()
    {
        _tokenEndpoint.On(TokenPath, UpstreamReply.Json("""{"access_token":"at-new","refresh_token":7}"""));
        var runtime = await AddOAuthAccountAsync();

        Assert.True(await Refresher.RefreshAsync(runtime, CancellationToken.None));

        Assert.Equal(("at-new", "rt-old"), (runtime.Secret.AccessToken, runtime.Secret.RefreshToken));
    }

    private OAuthTokenRefresher Refresher => _app.Services.GetRequiredService<OAuthTokenRefresher>();

    private async Task<AccountRuntime> AddOAuthAccountAsync()
    {
        var input = new AccountInput
        {
            Name = "oauth",
            Platform = AccountPlatform.OpenAiCompatible,
            Type = AccountType.OAuth,
            BaseUrl = _tokenEndpoint.BaseUrl,
            AccessToken = "at-old",
            RefreshToken = "rt-old",
            TokenUrl = _tokenEndpoint.BaseUrl + TokenPath,
        };
        var created = await _app.Services.GetRequiredService<AccountAdminService>().CreateAsync(input, "test", CancellationToken.None);
        var pool = _app.Services.GetRequiredService<AccountPool>();
        await pool.RefreshAsync(CancellationToken.None);
        return pool.Find(created.Value!.Id)!;
    }

    private async Task<string?> StoredAccessTokenAsync(long accountId)
    {
        await using var db = _app.CreateDbContext();
        var row = await db.Accounts.FindAsync(accountId);
        return _app.Services.GetRequiredService<SecretProtector>().Unprotect(row!.ProtectedSecret!).AccessToken;
    }
}
