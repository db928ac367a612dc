namespace Gateway.Tests.Policies;

public class RetryPolicyTests
{
    public static TheoryData<string, AttemptFacts, AttemptDecision> Cases => new()
    {
        { "success delivers", Facts(FailureClass.None, 200), AttemptDecision.Deliver },
        { "request error stops", Facts(FailureClass.RequestError, 400), AttemptDecision.Stop },
        { "model not supported switches", Facts(FailureClass.ModelNotSupported, 400), AttemptDecision.AccountSwitch },
        { "pool mode retries a retry status", Facts(FailureClass.RateLimited, 429) with { PoolMode = true, PoolModeRetryableStatus = true, PoolModeRetryCount = 3, SameAccountRetries = 2 }, AttemptDecision.SameAccountRetry },
        { "pool mode switches after its retries", Facts(FailureClass.RateLimited, 429) with { PoolMode = true, PoolModeRetryableStatus = true, PoolModeRetryCount = 3, SameAccountRetries = 3 }, AttemptDecision.AccountSwitch },
        { "pool mode custom code 503 retries", Facts(FailureClass.ServerError, 503) with { PoolMode = true, PoolModeRetryableStatus = true, PoolModeRetryCount = 1 }, AttemptDecision.SameAccountRetry },
        { "pool mode non-retry status follows standard", Facts(FailureClass.RateLimited, 429) with { PoolMode = true, PoolModeRetryCount = 3 }, AttemptDecision.AccountSwitch },
        { "pool mode request error stops", Facts(FailureClass.RequestError, 400) with { PoolMode = true, PoolModeRetryCount = 3 }, AttemptDecision.Stop },
        { "passthrough 429 switches", Facts(FailureClass.RateLimited, 429) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "passthrough 529 switches", Facts(FailureClass.Overloaded, 529) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "passthrough 403 switches", Facts(FailureClass.Forbidden, 403) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "passthrough html 403 switches", Facts(FailureClass.ForbiddenHtml, 403) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "passthrough apikey 500 switches", Facts(FailureClass.ServerError, 500) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "passthrough oauth 500 goes to client", Facts(FailureClass.ServerError, 500) with { Passthrough = true, AccountType = AccountType.OAuth }, AttemptDecision.Stop },
        { "passthrough 401 goes to client", Facts(FailureClass.Unauthorized, 401) with { Passthrough = true }, AttemptDecision.Stop },
        { "passthrough 404 goes to client", Facts(FailureClass.NotFound, 404) with { Passthrough = true }, AttemptDecision.Stop },
        { "standard 401 apikey switches", Facts(FailureClass.Unauthorized, 401), AttemptDecision.AccountSwitch },
        { "standard 401 oauth after refresh switches", Facts(FailureClass.Unauthorized, 401) with { AccountType = AccountType.OAuth, TokenRefreshed = true }, AttemptDecision.AccountSwitch },
        { "standard 402 switches", Facts(FailureClass.PaymentRequired, 402), AttemptDecision.AccountSwitch },
        { "standard 403 switches", Facts(FailureClass.Forbidden, 403), AttemptDecision.AccountSwitch },
        { "standard 405 switches", Facts(FailureClass.MethodNotAllowed, 405), AttemptDecision.AccountSwitch },
        { "standard 429 switches", Facts(FailureClass.RateLimited, 429), AttemptDecision.AccountSwitch },
        { "standard 529 switches", Facts(FailureClass.Overloaded, 529), AttemptDecision.AccountSwitch },
        { "standard 502 switches", Facts(FailureClass.ServerError, 502), AttemptDecision.AccountSwitch },
        { "standard 404 goes to client", Facts(FailureClass.NotFound, 404), AttemptDecision.Stop },
        { "standard 418 goes to client", Facts(FailureClass.OtherClientError, 418), AttemptDecision.Stop },
        { "network error switches", Facts(FailureClass.NetworkError, 0) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "broken first event switches", Facts(FailureClass.BrokenAnswer, 200), AttemptDecision.AccountSwitch },
        { "404 switches protocol when allowed", Facts(FailureClass.NotFound, 404) with { ProtocolSwitchAvailable = true }, AttemptDecision.ProtocolSwitch },
        { "500 switches protocol when allowed", Facts(FailureClass.ServerError, 500) with { ProtocolSwitchAvailable = true }, AttemptDecision.ProtocolSwitch },
        { "400 unsupported endpoint switches protocol when allowed", Facts(FailureClass.RequestError, 400) with { ProtocolSwitchAvailable = true, ErrorBody = "unsupported endpoint" }, AttemptDecision.ProtocolSwitch },
        { "400 content policy never switches protocol", Facts(FailureClass.RequestError, 400) with { ProtocolSwitchAvailable = true, ErrorBody = "content policy" }, AttemptDecision.Stop },
        { "500 without a switch left follows the account rules", Facts(FailureClass.ServerError, 500), AttemptDecision.AccountSwitch },
        { "network error never switches protocol", Facts(FailureClass.NetworkError, 0) with { ProtocolSwitchAvailable = true }, AttemptDecision.AccountSwitch },
        { "429 never switches protocol", Facts(FailureClass.RateLimited, 429) with { ProtocolSwitchAvailable = true }, AttemptDecision.AccountSwitch },
        { "529 overload never switches protocol", Facts(FailureClass.Overloaded, 529) with { ProtocolSwitchAvailable = true }, AttemptDecision.AccountSwitch },
        { "404 model_not_found never switches protocol", Facts(FailureClass.ModelNotSupported, 404) with { ProtocolSwitchAvailable = true }, AttemptDecision.AccountSwitch },
        { "quota switches", Facts(FailureClass.QuotaExceeded, 429), AttemptDecision.AccountSwitch },
        { "passthrough quota switches", Facts(FailureClass.QuotaExceeded, 429) with { Passthrough = true }, AttemptDecision.AccountSwitch },
        { "failure reported inside a 200 never switches protocol", Facts(FailureClass.ServerError, 502) with { ReportedInsideSuccess = true, ProtocolSwitchAvailable = true }, AttemptDecision.AccountSwitch },
        { "reported request error stops", Facts(FailureClass.RequestError, 400) with { ReportedInsideSuccess = true, ProtocolSwitchAvailable = true }, AttemptDecision.Stop },
        { "reported rate limit in pool mode retries like a 429", Facts(FailureClass.RateLimited, 429) with { ReportedInsideSuccess = true, PoolMode = true, PoolModeRetryableStatus = true, PoolModeRetryCount = 1 }, AttemptDecision.SameAccountRetry },
        { "timeout switches", Facts(FailureClass.Timeout, 200), AttemptDecision.AccountSwitch },
        { "pool-mode retry comes before a protocol switch", Facts(FailureClass.ServerError, 503) with { PoolMode = true, PoolModeRetryableStatus = true, PoolModeRetryCount = 1, ProtocolSwitchAvailable = true }, AttemptDecision.SameAccountRetry },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesByTheRulesOfSection4(string rule, AttemptFacts facts, AttemptDecision expected)
    {
        Assert.True(expected == RetryPolicy.Decide(facts).Decision, rule);
    }

    [Fact]
    public void FirstOAuth401RefreshesTheTokenAndRetriesTheSameAccount()
    {
        var decision = RetryPolicy.Decide(Facts(FailureClass.Unauthorized, 401) with { AccountType = AccountType.OAuth });

        Assert.Equal(new RetryDecision(AttemptDecision.SameAccountRetry, RefreshTokenFirst: true), decision);
    }

    [Fact]
    public void AttemptFactsUseTheAccountsPoolModeCodes()
    {
        var account = new Account { Name = "a", BaseUrl = "http://x", PoolMode = true, PoolModeRetryStatusCodes = [] };

        Assert.False(AttemptFacts.For(account, FailureClass.RateLimited, 429).PoolModeRetryableStatus);
        account.PoolModeRetryStatusCodes = null;
        Assert.True(AttemptFacts.For(account, FailureClass.RateLimited, 429).PoolModeRetryableStatus);
        Assert.False(AttemptFacts.For(account, FailureClass.NetworkError, 0).PoolModeRetryableStatus);
    }

    [Theory]
    [InlineData(FailureClass.Overloaded, 529)]
    [InlineData(FailureClass.RateLimited, 429)]
    [InlineData(FailureClass.QuotaExceeded, 429)]
    [InlineData(FailureClass.RequestError, 400)]
    [InlineData(FailureClass.ModelNotSupported, 400)]
    [InlineData(FailureClass.ServerError, 502)]
    public void AFailureReportedInsideA2xxAnswerIsJudgedAsItsEquivalentStatus(FailureClass failure, int status) =>
        Assert.Equal(status, failure.EquivalentStatus());

    private static AttemptFacts Facts(FailureClass failure, int status) => new() { Failure = failure, Status = status };
}
