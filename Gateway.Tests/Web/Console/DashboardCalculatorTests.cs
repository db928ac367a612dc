using Gateway.Web.Console;
using Gateway.Web.Console.Accounts;

namespace Gateway.Tests.Web.Console;

public sealed class DashboardCalculatorTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new int[0], 50, null)]
    [InlineData(new[] { 10 }, 99, 10)]
    [InlineData(new[] { 10, 20, 30, 40 }, 50, 20)]
    [InlineData(new[] { 10, 20, 30, 40 }, 90, 40)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9)]
    public void Percentile_IsNearestRank(int[] sorted, int percent, int? expected) =>
        Assert.Equal(expected, DashboardCalculator.Percentile(sorted, percent));

    [Fact]
    public void Build_BucketsByHour_CountsErrorsFailoversAndStates()
    {
        RequestSample[] requests =
        [
            new(Now.AddMinutes(-5), 200, 100, 40, 1),
            new(Now.AddMinutes(-10), 502, 300, null, 3),
            new(Now.AddHours(-2), 200, 200, 50, 2),
            new(Now.AddHours(-2), 0, 50, null, 1),
        ];
        AuditSample[] audit = [new(Now.AddHours(-1), "cooldown_expired"), new(Now.AddHours(-3), "cooldown_cleared"), new(Now, "cooldown_expired")];

        var snapshot = DashboardCalculator.Build(requests, [AccountState.Active, AccountState.Active, AccountState.CoolingDown], audit, Now, TimeSpan.FromHours(24));

        Assert.Equal(24, snapshot.Traffic.Count);
        var current = snapshot.Traffic[^1];
        Assert.Equal(new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc), current.Hour);
        Assert.Equal((2, 1, 50.0, 1), (current.Requests, current.Errors, current.ErrorRatePercent, current.Failovers));
        Assert.Equal((100, 300, 300), (current.LatencyP50, current.LatencyP90, current.LatencyP99));
        Assert.Equal((0, 0), (snapshot.Traffic[0].Requests, snapshot.Traffic[0].LatencyP99));
        Assert.Equal((2, 1, 1), (snapshot.Traffic[^3].Requests, snapshot.Traffic[^3].Errors, snapshot.Traffic[^3].Failovers));
        Assert.Equal((4, 2, 2), (snapshot.Requests, snapshot.Errors, snapshot.Failovers));
        Assert.Equal(new LatencySummary(100, 300, 300, 40), snapshot.Latency);
        Assert.Equal([new LabelCount("cooldown_cleared", 1), new LabelCount("cooldown_expired", 2)], snapshot.CooldownEvents);
        Assert.Equal(2, snapshot.AccountsByState.Single(s => s.State == AccountState.Active).Count);
        Assert.Equal(1, snapshot.AccountsByState.Single(s => s.State == AccountState.CoolingDown).Count);
        Assert.Equal(0, snapshot.AccountsByState.Single(s => s.State == AccountState.Error).Count);
    }
}
