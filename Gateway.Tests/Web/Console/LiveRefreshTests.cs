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
}
