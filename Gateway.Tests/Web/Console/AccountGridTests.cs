namespace Gateway.Tests.Web.Console;

public sealed class AccountGridTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Pages_AreCutOnTheServer_InAStableOrder()
    {
        var rows = Enumerable.Range(1, 30).Select(i => Row(i, $"acct-{i:00}")).Reverse();

        var second = AccountGrid.Apply(rows, new AccountGridQuery(Sort: AccountSortField.Name, Page: 1, PageSize: 25), Now);

        Assert.Equal(30, second.Total);
        Assert.Equal(1, second.Page);
        Assert.Equal(["acct-26", "acct-27", "acct-28", "acct-29", "acct-30"], second.Rows.Select(r => r.Name));
    }

    [Fact]
    public void APageThatNoLongerExists_BecomesTheLastOne()
    {
        var rows = Enumerable.Range(1, 26).Select(i => Row(i, $"acct-{i:00}", status: i == 26 ? AccountStatus.Disabled : AccountStatus.Active));

        var page = AccountGrid.Apply(rows, new AccountGridQuery(Status: AccountStatusFilter.Active, Page: 1, PageSize: 25), Now);

        Assert.Equal((0, 25), (page.Page, page.Rows.Count));
    }

    [Theory]
    [InlineData(AccountStatusFilter.Active, new[] { "ok", "ended", "suspended", "pool" })]
    [InlineData(AccountStatusFilter.CoolingDown, new[] { "cooling" })]
    [InlineData(AccountStatusFilter.Suspended, new[] { "suspended" })]
    [InlineData(AccountStatusFilter.Disabled, new[] { "off" })]
    [InlineData(AccountStatusFilter.Error, new[] { "broken" })]
    [InlineData(AccountStatusFilter.Failing, new[] { "pool" })]
    [InlineData(AccountStatusFilter.Any, new[] { "ok", "cooling", "ended", "suspended", "off", "broken", "pool" })]
    public void StatusFilter_JudgesCooldownsAndSuspensionsAtNow_AndFailingIncludesPoolModeAccounts(AccountStatusFilter filter, string[] expected)
    {
        AccountRow[] rows =
        [
            Row(1, "ok"),
            Row(2, "cooling", cooldownUntil: Now.AddMinutes(1)),
            Row(3, "ended", cooldownUntil: Now.AddMinutes(-1)),
            Row(4, "suspended") with { SuspendedModels = [new SuspendedModel("gpt-x", Now.AddHours(1), "model_not_supported")] },
            Row(5, "off", status: AccountStatus.Disabled),
            Row(6, "broken", status: AccountStatus.Error),
            Row(7, "pool") with { PoolMode = true, Health = new AccountHealth(10, 4, Now.AddMinutes(-2), 429, "rate_limited") },
        ];

        var names = AccountGrid.Apply(rows, new AccountGridQuery(Status: filter), Now).Rows.Select(r => r.Name);

        Assert.Equal(expected, names);
    }

    [Fact]
    public void Search_MatchesNameUrlOrGroup_IgnoringCase_AndTheGroupFilterNarrowsFurther()
    {
        AccountRow[] rows =
        [
            Row(1, "DeepSeek") with { Groups = ["china"], GroupIds = [1] },
            Row(2, "openai", baseUrl: "https://api.deepseek.example") with { Groups = ["global"], GroupIds = [2] },
            Row(3, "kimi") with { Groups = ["deep-pool"], GroupIds = [2] },
            Row(4, "other"),
        ];

        Assert.Equal(["DeepSeek", "openai", "kimi"], AccountGrid.Apply(rows, new AccountGridQuery(Search: "deep"), Now).Rows.Select(r => r.Name));
        Assert.Equal(["openai", "kimi"], AccountGrid.Apply(rows, new AccountGridQuery(Search: "deep", GroupId: 2), Now).Rows.Select(r => r.Name));
    }

    [Fact]
    public void Filters_SurviveAsAQuery_AndTheGridsColumnNamesPickTheSort()
    {
        var filters = new AccountGridFilters { Search = "x", Status = AccountStatusFilter.CoolingDown, GroupId = 3 };

        Assert.Equal(new AccountGridQuery("x", AccountStatusFilter.CoolingDown, 3, AccountSortField.Health, true, 2, 50), filters.ToQuery(2, 50, nameof(AccountRow.Health), true));
        Assert.Equal(AccountSortField.State, filters.ToQuery(0, 25, nameof(AccountRow.Status), false).Sort);
        Assert.Equal(AccountSortField.Id, filters.ToQuery(0, 25, null, false).Sort);
    }

    [Fact]
    public void Health_CountsEveryAttemptOfEachAccount_AndKeepsTheLastFailure_ButNotTheClientsOwnErrors()
    {
        (DateTime, IReadOnlyList<AttemptTrace>)[] requests =
        [
            (Now.AddMinutes(-3), [Attempt(1, 429, "rate_limited", "same_account_retry"), Attempt(1, 429, "rate_limited", "account_switch"), Attempt(2, 200, null, "deliver")]),
            (Now.AddMinutes(-2), [Attempt(1, 200, "none", "deliver")]),
            (Now.AddMinutes(-1), [Attempt(2, 400, "request_error", "stop")]),
        ];

        var health = AccountHealthCalculator.FromTraces(requests);

        Assert.Equal(new AccountHealth(3, 2, Now.AddMinutes(-3), 429, "rate_limited"), health[1]);
        Assert.Equal(66.7, health[1].ErrorRatePercent);
        Assert.Equal(new AccountHealth(2, 0, null, null, null), health[2]);
        Assert.Null(AccountHealth.None.ErrorRatePercent);
    }

    private static AttemptTrace Attempt(long account, int status, string? failure, string decision) =>
        new() { AccountId = account, Status = status, FailureClass = failure, Decision = decision, UpstreamProtocol = ApiProtocol.Chat };

    private static AccountRow Row(long id, string name, AccountStatus status = AccountStatus.Active, DateTime? cooldownUntil = null, string baseUrl = "https://up.example") =>
        new(id, name, AccountPlatform.OpenAi, AccountType.ApiKey, baseUrl, status, 50, cooldownUntil, null, ProbeState.Unknown, null, null, EndpointMode.Auto,
            [], [], false, false, [401, 403, 429], null, null, AccountHealth.None, []);
}
