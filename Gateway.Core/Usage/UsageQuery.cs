namespace Gateway.Core.Usage;

/// <summary>Which usage logs to read (SPEC 7.1 filters); every filter is optional, times are UTC, <c>To</c> is exclusive.</summary>
public sealed record UsageFilter
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public long? AccountId { get; init; }

    public long? KeyId { get; init; }

    /// <summary>The requested model, matched exactly.</summary>
    public string? Model { get; init; }

    /// <summary>The HTTP status the client got.</summary>
    public int? Status { get; init; }
}

/// <summary>One page of usage logs, newest first, with the number of rows matching the filter.</summary>
public sealed record UsagePage(IReadOnlyList<UsageLog> Items, int Total, int Offset, int Limit);
