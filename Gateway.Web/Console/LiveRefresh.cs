namespace Gateway.Web.Console;

/// <summary>
/// A live page's subscription to fresh data: calls a refresh on every tick of the given clock until it is
/// disposed (the page is left). A failed refresh is reported and the next tick tries again, so a passing
/// database hiccup does not freeze the page.
/// </summary>
public sealed class LiveRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;

    private LiveRefresh(TimeSpan interval, TimeProvider time)
    {
        _timer = new PeriodicTimer(interval, time);
    }

    /// <summary>
    /// Starts ticking: the first refresh comes one interval from now, or at once when <paramref name="refreshNow"/>
    /// (a page catching up after its browser came back).
    /// </summary>
    public static LiveRefresh Start(TimeProvider time, TimeSpan interval, Func<CancellationToken, Task> refresh, Func<Exception, Task> failed, bool refreshNow = false)
    {
        var live = new LiveRefresh(interval, time);
        _ = live.RunAsync(refresh, failed, refreshNow);
        return live;
    }

    public async ValueTask DisposeAsync()
    {
        // The loop is not awaited: a refresh in flight may be waiting for the page's dispatcher, which is disposing us.
        await _stop.CancelAsync();
        _timer.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> refresh, Func<Exception, Task> failed, bool refreshNow)
    {
        try
        {
            if (refreshNow)
            {
                await RefreshAsync(refresh, failed).ConfigureAwait(false);
            }

            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await RefreshAsync(refresh, failed).ConfigureAwait(false);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed: whatever the cancelled refresh threw is of no interest any more.
        }
    }

    private async Task RefreshAsync(Func<CancellationToken, Task> refresh, Func<Exception, Task> failed)
    {
        try
        {
            await refresh(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            await failed(ex).ConfigureAwait(false);
        }
    }
}
