namespace Gateway.Core.Persistence;

/// <summary>
/// Database writes that run after the request that caused them has its answer (a stored response, an endpoint-cache
/// entry), kept track of so that the host's shutdown waits for them before the database goes away.
/// </summary>
internal sealed class BackgroundWrites
{
    private readonly ConcurrentDictionary<Task, bool> _writes = new();

    public void Track(Task write)
    {
        _writes[write] = true;
        _ = write.ContinueWith(done => _writes.TryRemove(done, out _), TaskScheduler.Default);
    }

    /// <summary>Completes when every write tracked so far has finished (or failed).</summary>
    public Task WrittenAsync() => Task.WhenAll(_writes.Keys);
}
