namespace Gateway.Core.Forwarding;

/// <summary>Times one client request: total duration and time to the first byte sent to the client.</summary>
internal sealed class RequestClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _firstByte;

    public DateTime StartedAt { get; } = time.GetUtcNow().UtcDateTime;

    public TimeSpan Elapsed => time.GetElapsedTime(_start);

    public TimeSpan? FirstByte => _firstByte == 0 ? null : time.GetElapsedTime(_start, _firstByte);

    public long Now => time.GetTimestamp();

    public TimeSpan Since(long timestamp) => time.GetElapsedTime(timestamp);

    public void MarkFirstByte()
    {
        if (_firstByte == 0)
        {
            _firstByte = time.GetTimestamp();
        }
    }
}
