namespace Gateway.Core.Usage;

/// <summary>Which usage logs to read (SPEC 7.1 filters); every filter is optional.</summary>
public sealed record UsageFilter : ListingFilter
{
    public long? AccountId { get; init; }

    public long? KeyId { get; init; }

    /// <summary>The requested model, matched exactly.</summary>
    public string? Model { get; init; }

    /// <summary>The HTTP status the client got.</summary>
    public int? Status { get; init; }

    /// <summary>An upstream status any attempt of the request got (a 429 that a failover hid included).</summary>
    public int? AttemptStatus { get; init; }

    /// <summary>True: only requests that switched account at least once; false: only requests that never did.</summary>
    public bool? FailedOver { get; init; }

    /// <summary>
    /// A request id, matched exactly: the gateway's own (the <c>x-request-id</c> its answer carried) or one the client sent
    /// (several rows may share a client's id).
    /// </summary>
    public string? RequestId { get; init; }
}
