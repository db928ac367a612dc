namespace Gateway.Web.Console;

/// <summary>
/// A live page's subscription to time: calls <c>tick</c> every period on the given clock until disposed.
/// A failed tick is reported and the next one still comes, so one database hiccup does not freeze the page.
/// </summary>
public sealed class LiveRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer;
    private readonly Task loop;

    public LiveRefresh(TimeSpan period, TimeProvider time, Func<CancellationToken, Task> tick, Action<Exception> onError)
    {
        timer = new PeriodicTimer(period, time);
        loop = RunAsync(tick, onError);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        timer.Dispose();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> tick, Action<Exception> onError)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await tick(stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    onError(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the page was left.
        }
    }
}
