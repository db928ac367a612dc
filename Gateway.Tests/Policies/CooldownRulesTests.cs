namespace Gateway.Tests.Policies;

public class CooldownRulesTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly GatewayOptions Options = new();

    [Theory]
    [InlineData(null, 5)]
    [InlineData(20, 20)]
    [InlineData(7200, 1800)]
    public void RateLimitCoolsForRetryAfterOrTheDefaultCapped(int? retryAfterSeconds, int expectedSeconds)
    {
        var change = For(FailureClass.RateLimited, NewAccount(), retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(Now.AddSeconds(expectedSeconds), change.CooldownUntil);
    }

    [Fact]
    public void OverloadCoolsTenMinutes() =>
        Assert.Equal(Now.AddMinutes(10), For(FailureClass.Overloaded, NewAccount()).CooldownUntil);

    [Fact]
    public void First403CoolsTenMinutesWithStrikeOne()
    {
        var change = For(FailureClass.Forbidden, NewAccount());

        Assert.Equal(Now.AddMinutes(10), change.CooldownUntil);
        Assert.Equal("403 temporary cooldown (1/3)", change.CooldownReason);
        Assert.Equal(1, change.ForbiddenStrikes);
        Assert.Equal(Now, change.ForbiddenWindowStart);
    }

    [Theory]
    [InlineData(179, true, 3)]
    [InlineData(181, false, 1)]
    public void A403AfterTwoStrikes_MarksErrorWithinThe180MinuteWindow_ElseStartsCountingAgain(int windowOpenedMinutesAgo, bool marksError, int strikes)
    {
        var account = NewAccount();
        account.ForbiddenStrikes = 2;
        account.ForbiddenWindowStart = Now.AddMinutes(-windowOpenedMinutesAgo);

        var change = For(FailureClass.Forbidden, account);

        Assert.Equal((marksError, strikes), (change.ErrorMessage is not null, change.ForbiddenStrikes));
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData(3600, 3600)]
    public void QuotaCoolsUntilItsResetOrTenMinutes(int? resetSeconds, int expectedSeconds)
    {
        var change = For(FailureClass.QuotaExceeded, NewAccount(), resetSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal((Now.AddSeconds(expectedSeconds), "quota exhausted"), (change.CooldownUntil, change.CooldownReason));
    }

    [Theory]
    [InlineData(FailureClass.ServerError, "5xx upstream error")]
    [InlineData(FailureClass.NetworkError, "transient upstream failure (network_error)")]
    [InlineData(FailureClass.Timeout, "transient upstream failure (timeout)")]
    [InlineData(FailureClass.BrokenAnswer, "transient upstream failure (broken_answer)")]
    public void TransientFailuresCoolAsA5xx(FailureClass failure, string reason)
    {
        var change = For(failure, NewAccount());

        Assert.Equal((Now.AddSeconds(30), reason), (change.CooldownUntil, change.CooldownReason));
    }

    [Fact]
    public void Html403ChangesNothing() => Assert.True(For(FailureClass.ForbiddenHtml, NewAccount()).IsNone);

    [Fact]
    public void ApiKey401MarksError() => Assert.NotNull(For(FailureClass.Unauthorized, NewAccount()).ErrorMessage);

    [Fact]
    public void OAuth401CoolsTenMinutes()
    {
        var account = NewAccount();
        account.Type = AccountType.OAuth;

        Assert.Equal(Now.AddMinutes(10), For(FailureClass.Unauthorized, account).CooldownUntil);
    }

    [Fact]
    public void ModelNotSupportedSuspendsTwelveHours() =>
        Assert.Equal(Now.AddHours(12), For(FailureClass.ModelNotSupported, NewAccount()).SuspendModelUntil);

    [Fact]
    public void PoolModeErrorsChangeNoStoredState()
    {
        var account = NewAccount();
        account.PoolMode = true;

        Assert.True(For(FailureClass.Forbidden, account).IsNone);
        Assert.True(For(FailureClass.RateLimited, account).IsNone);
    }

    [Fact]
    public void OnlyASwitchAwayChangesState() =>
        Assert.True(CooldownRules.For(AttemptDecision.Stop, FailureClass.RateLimited, NewAccount(), null, Now, Options).IsNone);

    [Fact]
    public void SuccessResetsStrikesOnlyWhenThereAreSome()
    {
        var account = NewAccount();
        Assert.Null(CooldownRules.ForSuccess(account));
        account.ForbiddenStrikes = 1;
        Assert.Equal(0, CooldownRules.ForSuccess(account)!.ForbiddenStrikes);
    }

    [Theory]
    [InlineData("12", null, 12)]
    [InlineData(null, "1500", 1.5)]
    [InlineData("Thu, 01 Jan 2026 12:01:00 GMT", null, 60)]
    public void RetryAfterReadsSecondsMillisecondsAndDates(string? header, string? ms, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.Parse(header, ms, new DateTimeOffset(Now)));

    [Theory]
    [InlineData(null, null, "Rate limit reached for gpt-4o. Please try again in 1.5s.", 1.5)]
    [InlineData(null, null, "Please try again in 20ms.", 0.02)]
    [InlineData(null, null, "Please try again in 1m30s.", 90.0)]
    [InlineData(120.0, null, "try again in 5s", 120.0)]
    [InlineData(null, 1767269100L, null, 300.0)]
    [InlineData(null, 1767268000L, "resets at a time already past", null)]
    [InlineData(null, null, "no hint at all", null)]
    public void ResetHintsOfAReportedErrorAreReadFromItsFieldsThenItsMessage(double? resetsIn, long? resetsAt, string? message, double? expectedSeconds) =>
        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, RetryAfter.FromReported(resetsIn, resetsAt, message, new DateTimeOffset(Now)));

    /// <summary>Anthropic's anthropic-ratelimit-*-reset headers (RFC 3339): the used-up limit decides, else the latest reset.</summary>
    [Theory]
    [InlineData("2026-01-01T12:00:30Z", "0", "2026-01-01T12:00:05Z", "40", 30.0)]
    [InlineData("2026-01-01T12:00:30Z", "10", "2026-01-01T12:00:05Z", "0", 5.0)]
    [InlineData("2026-01-01T12:00:30Z", null, "2026-01-01T12:00:05Z", null, 30.0)]
    [InlineData("2026-01-01T11:59:00Z", "0", null, null, null)]
    [InlineData("not a date", "0", null, null, null)]
    public void AnthropicRateLimitResetsName(string? tokensReset, string? tokensRemaining, string? requestsReset, string? requestsRemaining, double? expectedSeconds) =>
        Assert.Equal(
            expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            RetryAfter.FromRateLimitResets([new RateLimitReset(tokensReset, tokensRemaining), new RateLimitReset(requestsReset, requestsRemaining)], new DateTimeOffset(Now)));

    [Fact]
    public void ExhaustionOfRateLimitsIs429WithTheSoonestExpiry()
    {
        var answer = ExhaustionPolicy.Answer([FailureClass.RateLimited, FailureClass.QuotaExceeded, FailureClass.Overloaded], new ModelAvailability(true, Now.AddSeconds(42), false), Now, "429");

        Assert.Equal(429, answer.Status);
        Assert.Equal(42, answer.RetryAfterSeconds);
    }

    [Fact]
    public void ExhaustionOfOtherFailuresIs502WithTheLastError()
    {
        var answer = ExhaustionPolicy.Answer([FailureClass.RateLimited, FailureClass.ServerError], new ModelAvailability(true, null, false), Now, "500 boom");

        Assert.Equal(502, answer.Status);
        Assert.Contains("500 boom", answer.Message);
    }

    [Fact]
    public void NoCandidateAtAllIs503() => Assert.Equal(503, ExhaustionPolicy.Answer([], new ModelAvailability(false, null, false), Now, null).Status);

    [Fact]
    public void AGroupWhoseAccountsHaveTheModelOnlySuspended_Is503WithoutRetryAfter_NotARateLimit()
    {
        var answer = ExhaustionPolicy.Answer([], new ModelAvailability(false, null, true), Now, null);

        Assert.Equal((503, null, "no_available_account"), (answer.Status, answer.RetryAfterSeconds, answer.Code));
        Assert.Contains("reported it unsupported", answer.Message);
    }

    [Fact]
    public void AnAccountCoolingDownBesideSuspendedOnes_Is429UntilItsCooldownEnds()
    {
        var answer = ExhaustionPolicy.Answer([], new ModelAvailability(true, Now.AddSeconds(30), true), Now, null);

        Assert.Equal((429, 30), (answer.Status, answer.RetryAfterSeconds));
    }

    private static AccountStateChange For(FailureClass failure, Account account, TimeSpan? retryAfter = null) =>
        CooldownRules.For(AttemptDecision.AccountSwitch, failure, account, retryAfter, Now, Options);

    private static Account NewAccount() => new() { Name = "a", BaseUrl = "http://upstream" };
}
