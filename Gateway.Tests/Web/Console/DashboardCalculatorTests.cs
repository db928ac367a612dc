namespace Gateway.Tests.Web.Console;

public sealed class DashboardCalculatorTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 50, null)]
    [InlineData(1, 99, 1)]
    [InlineData(4, 50, 2)]
    [InlineData(4, 90, 4)]
    [InlineData(10, 90, 9)]
    [InlineData(10, 99, 10)]
    public void Rank_IsTheNearestRank(int count, int percent, int? expected) =>
        Assert.Equal(expected, DashboardCalculator.Rank(count, percent));

    [Theory]
    [InlineData("", 50, null)]
    [InlineData("7x1", 99, 7)]
    [InlineData("100x2 200x2", 50, 100)]
    [InlineData("100x2 200x2", 90, 200)]
    [InlineData("10x5 20x4 30x1", 90, 20)]
    [InlineData("10x5 20x4 30x1", 99, 30)]
    [InlineData("10x5 20x4 30x1", 50, 10)]
    [InlineData("10x5 20x4 30x1", 51, 20)]
    public void Percentile_OfAHistogram_IsTheNearestRankOfTheValuesItCounts(string histogram, int percent, int? expected)
    {
        ValueCount[] buckets = [.. histogram.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => b.Split('x')).Select(b => new ValueCount(int.Parse(b[0]), int.Parse(b[1])))];

        Assert.Equal(expected, DashboardCalculator.Percentile(buckets, percent));
    }

    [Fact]
    public void Build_FillsEveryHour_AddsUpTotals_AndListsAccountsThatCannotServeFirst()
    {
        HourTotals[] hours = [new(Now.Date.AddHours(12), 2, 1, 200, 300), new(Now.Date.AddHours(10), 2, 1, 125, 200)];
        HourCount[] failovers = [new(Now.Date.AddHours(12), 1)];
        Account[] accounts =
        [
            new() { Id = 1, Name = "steady", BaseUrl = "https://a.example" },
            new() { Id = 2, Name = "cooling", BaseUrl = "https://b.example", CooldownUntil = Now.AddMinutes(4), CooldownReason = "429 rate limited" },
            new() { Id = 3, Name = "broken", BaseUrl = "https://c.example", Status = AccountStatus.Error, ErrorMessage = "403 forbidden 3 times within 180 minutes" },
            new() { Id = 4, Name = "cooled-off", BaseUrl = "https://d.example", CooldownUntil = Now.AddMinutes(-1), CooldownReason = "529 overloaded" },
        ];
        AccountTraffic[] served = [new(1, 3, 1), new(4, 1, 0)];
        var movedOn = new Dictionary<long, AccountHealth> { [2] = new(2, 2, Now, 429, "rate_limited") };

        var snapshot = DashboardCalculator.Build(hours, failovers, new LatencySummary(100, 300, 300, 40), accounts, served, movedOn, [new("cooldown_started", 2), new("cooldown_cleared", 1)], Now);

        Assert.Equal(DashboardService.Hours, snapshot.Traffic.Count);
        Assert.Equal(new DateTime(2026, 11, 20, 13, 0, 0, DateTimeKind.Utc), snapshot.Traffic[0].Hour);
        Assert.Equal(new TrafficPoint(new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc), 2, 1, 50.0, 1, 200, 300), snapshot.Traffic[^1]);
        Assert.Equal((0, 0, 0.0), (snapshot.Traffic[^2].Requests, snapshot.Traffic[^2].AverageMs, snapshot.Traffic[^2].ErrorRatePercent));
        Assert.Equal((2, 1), (snapshot.Traffic[^3].Requests, snapshot.Traffic[^3].Errors));
        Assert.Equal((4, 2, 1, 50.0), (snapshot.Requests, snapshot.Errors, snapshot.Failovers, snapshot.ErrorRatePercent));
        Assert.Equal(["cooldown_cleared", "cooldown_started"], snapshot.CooldownEvents.Select(c => c.Label));
        Assert.Equal(
            [(AccountState.Active, 2), (AccountState.CoolingDown, 1), (AccountState.Disabled, 0), (AccountState.Error, 1)],
            snapshot.AccountsByState.Select(s => (s.State, s.Count)));
        Assert.Equal(["broken", "cooling", "steady", "cooled-off"], snapshot.Accounts.Select(a => a.Name));
        Assert.Equal(("403 forbidden 3 times within 180 minutes", null), (snapshot.Accounts[0].Reason, snapshot.Accounts[0].CooldownUntil));
        Assert.Equal(("429 rate limited", Now.AddMinutes(4)), (snapshot.Accounts[1].Reason, snapshot.Accounts[1].CooldownUntil));
        Assert.Equal((2, 100.0), (snapshot.Accounts[1].Requests, snapshot.Accounts[1].ErrorRatePercent));
        Assert.Equal((3, 33.3), (snapshot.Accounts[2].Requests, snapshot.Accounts[2].ErrorRatePercent));
        Assert.Null(snapshot.Accounts[3].Reason);
    }

    [Fact]
    public void Build_WithoutTraffic_HasNoErrorRate()
    {
        var snapshot = DashboardCalculator.Build([], [], new LatencySummary(null, null, null, null), [], [], new Dictionary<long, AccountHealth>(), [], Now);

        Assert.Null(snapshot.ErrorRatePercent);
        Assert.All(snapshot.Traffic, t => Assert.Equal(0, t.Requests));
        Assert.Empty(snapshot.Accounts);
    }
}
