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

/// <summary>A row of an admin listing: it is filtered by the time it was written and listed newest first.</summary>
public interface IListingRow
{
    long Id { get; }

    DateTime CreatedAt { get; }
}
