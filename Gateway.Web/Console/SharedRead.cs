namespace Gateway.Web.Console;

/// <summary>
/// One read shared by every open console page that asks for it while it is fresh: the first caller reads, the others
/// wait for it and take its result. A read stays fresh for the time given, or for <see cref="SlowReadReuse"/> times as
/// long as it took when that is longer: however much data the database holds, the pages' reads keep it busy a tenth of
/// the time at most, and their figures come later instead.
/// </summary>
public sealed class SharedRead<T>(TimeProvider time, TimeSpan freshFor)
{
    public const int SlowReadReuse = 10;

    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset FreshUntil, T Value)? cached;

    public async Task<T> GetAsync(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } hit && time.GetUtcNow() < hit.FreshUntil)
            {
                return hit.Value;
            }

            var started = time.GetTimestamp();
            var value = await read(ct);
            var took = time.GetElapsedTime(started);
            cached = (time.GetUtcNow() + (took * SlowReadReuse > freshFor ? took * SlowReadReuse : freshFor), value);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }
}
