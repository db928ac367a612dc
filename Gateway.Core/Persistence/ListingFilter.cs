namespace Gateway.Core.Persistence;

/// <summary>
/// What every admin listing (usage logs, audit entries) can be filtered by: the time its rows were written, UTC, from
/// <c>From</c> (included) to <c>To</c> (excluded), either end optional. Each listing's filter adds its own fields.
/// </summary>
public abstract record ListingFilter
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }
}
