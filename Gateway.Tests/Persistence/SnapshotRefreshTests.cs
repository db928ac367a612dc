namespace Gateway.Tests.Persistence;

/// <summary>The feature flags and the endpoint cache are copies of database rows: only their first load is waited for.</summary>
public sealed class SnapshotRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly SnapshotRefresh _refresh;

    public SnapshotRefreshTests() => _refresh = new SnapshotRefresh(_time);

    [Fact]
    public async Task TheFirstRead_WaitsForTheLoad_AndAFailedFirstLoadFailsIt()
    {
        var failing = new SnapshotRefresh(_time);
        await Assert.ThrowsAsync<IOException>(async () => await failing.RefreshAsync(_ => throw new IOException("database down"), Unexpected, default));
        Assert.True(failing.IsDue(Interval));

        var loads = 0;
        await _refresh.RefreshAsync(_ => Task.FromResult(++loads), Unexpected, default);

        Assert.Equal(1, loads);
        Assert.False(_refresh.IsDue(Interval));
        _time.Advance(Interval);
        Assert.True(_refresh.IsDue(Interval));
    }

    [Fact]
    public async Task AStaleCopy_IsServedAtOnce_WhileOneReloadRunsBehind()
    {
        await _refresh.RefreshAsync(_ => Task.CompletedTask, Unexpected, default);
        _time.Advance(Interval);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloads = 0;
        async Task Reload(CancellationToken ct)
        {
            Interlocked.Increment(ref reloads);
            started.SetResult();
            await release.Task;
        }

        var read = _refresh.RefreshAsync(Reload, Unexpected, default);
        Assert.True(read.IsCompletedSuccessfully);
        await started.Task;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_refresh.RefreshAsync(Reload, Unexpected, default).IsCompletedSuccessfully);
        }

        Assert.Equal(1, reloads);
        release.SetResult();
        await Eventually.TrueAsync(() => Task.FromResult(!_refresh.IsDue(Interval)), "the reload's end");
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task AFailedReload_IsReported_AndTheCopyStaysInForceUntilTheNextInterval()
    {
        await _refresh.RefreshAsync(_ => Task.CompletedTask, Unexpected, default);
        _time.Advance(Interval);
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);

        await _refresh.RefreshAsync(_ => throw new IOException("database down"), ex => reported.SetResult(ex), default);

        Assert.Equal("database down", (await reported.Task).Message);
        await Eventually.TrueAsync(() => Task.FromResult(!_refresh.IsDue(Interval)), "the failed reload's end");
        _time.Advance(Interval);
        Assert.True(_refresh.IsDue(Interval));
    }

    private static void Unexpected(Exception exception) => Assert.Fail($"unexpected reload failure: {exception}");
}
