namespace Gateway.Core.Protocols;

/// <summary>
/// A body grew past one of the gateway's read caps (a client's request; an upstream's decompressed answer, SSE line or
/// event, token answer): the read stops there, so neither side can make the gateway hold an unbounded amount of memory.
/// </summary>
public sealed class ReadLimitExceededException(string what, long limit)
    : Exception($"The {what} exceeded the gateway's limit of {limit} bytes.")
{
    /// <summary>What was being read, e.g. "SSE line".</summary>
    public string What { get; } = what;

    public long Limit { get; } = limit;
}
