namespace Gateway.Tests.Web.Console;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task Ticks_EveryPeriodOfItsClock_KeepsGoingAfterAFailure_AndStopsWhenDisposed()
    {
        var time = new FakeTimeProvider();
        var ticks = 0;
        var errors = new List<Exception>();
        var live = LiveRefresh.Start(time, TimeSpan.FromSeconds(5), _ => ++ticks == 2 ? throw new InvalidOperationException("database hiccup") : Task.CompletedTask, ex =>
        {
            errors.Add(ex);
            return Task.CompletedTask;
        });

        for (var i = 1; i <= 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Eventually.TrueAsync(() => Task.FromResult(ticks == i), $"tick {i}");
        }

        await live.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(3, ticks);
        Assert.Equal("database hiccup", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task StartedToCatchUp_RefreshesAtOnce_ThenEveryPeriod()
    {
        var time = new FakeTimeProvider();
        var ticks = 0;
        await using var live = LiveRefresh.Start(time, TimeSpan.FromSeconds(5), _ => Task.FromResult(++ticks), _ => Task.CompletedTask, refreshNow: true);

        await Eventually.TrueAsync(() => Task.FromResult(ticks == 1), "the refresh at once");
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => Task.FromResult(ticks == 2), "the first period's refresh");
    }
}
