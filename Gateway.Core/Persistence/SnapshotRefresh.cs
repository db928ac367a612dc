namespace Gateway.Core.Persistence;

/// <summary>
/// When an in-memory copy of database rows is loaded again (the feature flags, the endpoint cache). Only the first read
/// waits for the load: there is nothing to serve before it. After that a read never waits on the database: a stale copy is
/// served while one reload runs in the background, off the reader's thread, and a reload that fails keeps the copy in
/// force until the next interval (the owner logs it), so a database that is slow or down never stalls or fails a request.
/// </summary>
internal sealed class SnapshotRefresh(TimeProvider time)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private DateTime _loadedAt = DateTime.MinValue;

    /// <summary>Whether the copy is older than <paramref name="interval"/>, or not loaded yet.</summary>
    public bool IsDue(TimeSpan interval) => Now - _loadedAt >= interval;

    /// <summary>
    /// Loads the copy and waits for it when it was never loaded; otherwise starts one background reload, unless one is
    /// running, and returns at once. <paramref name="failed"/> hears of a background reload's failure.
    /// </summary>
    public async ValueTask RefreshAsync(Func<CancellationToken, Task> load, Action<Exception> failed, CancellationToken ct)
    {
        if (_loadedAt != DateTime.MinValue)
        {
            if (_loading.Wait(0))
            {
                _ = ReloadAsync(load, failed);
            }

            return;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (_loadedAt == DateTime.MinValue)
            {
                await load(ct);
                Loaded();
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The copy was just set from the database (a save through this instance): fresh for another interval.</summary>
    public void Loaded() => _loadedAt = Now;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task ReloadAsync(Func<CancellationToken, Task> load, Action<Exception> failed)
    {
        try
        {
            await Task.Yield();
            await load(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failed(ex);
        }
        finally
        {
            Loaded();
            _loading.Release();
        }
    }
}
