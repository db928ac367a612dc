namespace Gateway.Tests.Policies;

public class AccountReasonTests
{
    /// <summary>One reason of every code, as the engine writes it.</summary>
    public static TheoryData<AccountReason, string> EveryCode() => new()
    {
        { AccountReason.RateLimited, "429 rate limited" },
        { AccountReason.QuotaExhausted, "quota exhausted" },
        { AccountReason.Overloaded, "529 overloaded" },
        { AccountReason.ServerError, "5xx upstream error" },
        { AccountReason.Transient(FailureClass.NetworkError), "transient upstream failure (network_error)" },
        { AccountReason.Transient(FailureClass.Timeout), "transient upstream failure (timeout)" },
        { AccountReason.Transient(FailureClass.BrokenAnswer), "transient upstream failure (broken_answer)" },
        { AccountReason.ForbiddenStrike(2, 3), "403 temporary cooldown (2/3)" },
        { AccountReason.ForbiddenRetired(3, 180), "403 forbidden 3 times within 180 minutes" },
        { AccountReason.ApiKeyRefused, "401 unauthorized: the upstream refused the API key" },
        { AccountReason.UnauthorizedAfterRefresh, "401 unauthorized after token refresh" },
        { AccountReason.ModelNotSupported, "model_not_supported" },
    };

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void StoredLine_KeepsItsWording_AndReadsBackIntoTheSameReason(AccountReason reason, string text)
    {
        Assert.Equal(text, reason.Text);
        Assert.Equal(reason, AccountReason.Parse(text));
    }

    [Fact]
    public void EveryCode_HasAWording()
    {
        var covered = EveryCode().Select(row => ((AccountReason)row[0]).Code).ToHashSet();

        Assert.Equal(Enum.GetValues<AccountReasonCode>().ToHashSet(), covered);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("set by an operator")]
    [InlineData("429 Rate Limited")]
    [InlineData("transient upstream failure (rate_limited)")]
    [InlineData("403 temporary cooldown (99999999999/3)")]
    public void LinesTheEngineDidNotWrite_AreNotReasons(string? text) => Assert.Null(AccountReason.Parse(text));

    [Fact]
    public void OnlyTransientClassesMakeATransientReason() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountReason.Transient(FailureClass.RateLimited));
}
