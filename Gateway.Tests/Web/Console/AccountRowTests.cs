namespace Gateway.Tests.Web.Console;

public sealed class AccountRowTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(AccountStatus.Active, 5, AccountState.CoolingDown)]
    [InlineData(AccountStatus.Active, -5, AccountState.Active)]
    [InlineData(AccountStatus.Active, null, AccountState.Active)]
    [InlineData(AccountStatus.Disabled, 5, AccountState.Disabled)]
    [InlineData(AccountStatus.Error, null, AccountState.Error)]
    public void State_ShowsCoolingOnlyWhileTheCooldownLasts(AccountStatus status, int? cooldownMinutes, AccountState expected)
    {
        var account = new Account { Name = "a", BaseUrl = "https://a.example", Status = status, CooldownUntil = cooldownMinutes is { } m ? Now.AddMinutes(m) : null };

        Assert.Equal(expected, AccountRow.StateOf(account, Now));
    }

    [Fact]
    public void Row_HidesAnEndedCooldown_ListsLiveSuspensions_ShowsProbeVerdictAndGroups_AndNoCredentialsOfItsBaseUrl()
    {
        var account = new Account
        {
            Id = 3,
            Name = "a",
            BaseUrl = "https://user:sk-pass@a.example/v1?key=sk-query",
            CooldownUntil = Now.AddMinutes(-1),
            CooldownReason = "403 temporary cooldown (1/3)",
            ResponsesSupported = false,
            Groups = [new Group { Name = "zeta" }, new Group { Name = "alpha" }],
        };
        ModelSuspension[] suspensions =
        [
            new() { AccountId = 3, UpstreamModel = "old", Until = Now.AddMinutes(-1), Reason = "ended" },
            new() { AccountId = 3, UpstreamModel = "gpt-x", Until = Now.AddHours(1), Reason = "model not supported" },
        ];

        var row = AccountRow.From(account, suspensions, AccountHealth.None, Now);

        Assert.Null(row.CooldownUntil);
        Assert.Null(row.CooldownReason);
        Assert.Equal(ProbeState.Unsupported, row.Probe);
        Assert.Equal(["alpha", "zeta"], row.Groups);
        Assert.Equal([new SuspendedModel("gpt-x", Now.AddHours(1), "model not supported")], row.SuspendedModels);
        Assert.Equal([401, 403, 429], row.RetryStatusCodes);
        Assert.Equal("https://a.example/v1", row.BaseUrl);
    }

    [Fact]
    public void Row_CountsDownToTheEndOfItsCooldownAndSuspensions_WithoutAReload()
    {
        var account = new Account { Id = 1, Name = "a", BaseUrl = "https://a.example", CooldownUntil = Now.AddSeconds(30), CooldownReason = "429 rate limited" };
        ModelSuspension[] suspensions = [new() { AccountId = 1, UpstreamModel = "gpt-x", Until = Now.AddMinutes(2), Reason = "model_not_supported" }];
        var row = AccountRow.From(account, suspensions, AccountHealth.None, Now);

        Assert.Equal(AccountState.CoolingDown, row.StateAt(Now));
        Assert.Equal(Now.AddSeconds(30), row.NextChangeAfter(Now));
        Assert.Equal(AccountState.Active, row.StateAt(Now.AddSeconds(30)));
        Assert.Equal(Now.AddMinutes(2), row.NextChangeAfter(Now.AddSeconds(30)));
        Assert.Single(row.SuspensionsAt(Now.AddMinutes(1)));
        Assert.Empty(row.SuspensionsAt(Now.AddMinutes(2)));
        Assert.Null(row.NextChangeAfter(Now.AddMinutes(2)));
    }
}
