namespace Gateway.Core.Protocols;

/// <summary>
/// An upstream answer grew past one of the gateway's read caps (a decompressed body, an SSE line or event, a token answer):
/// the read stops there, so an upstream cannot make the gateway hold an unbounded amount of memory.
/// </summary>
public sealed class ReadLimitExceededException(string what, long limit)
    : Exception($"The upstream's {what} exceeded the gateway's limit of {limit} bytes.")
{
    /// <summary>What was being read, e.g. "SSE line".</summary>
    public string What { get; } = what;

    public long Limit { get; } = limit;
}
