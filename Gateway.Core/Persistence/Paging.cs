namespace Gateway.Core.Persistence;

/// <summary>One page of a listing, with the number of rows matching its filter and the paging it was read with.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

/// <summary>The paging the admin listings share (usage logs, audit entries).</summary>
internal static class Paging
{
    /// <summary>
    /// The rows of <paramref name="filtered"/> in <paramref name="order"/> from <paramref name="offset"/> (at least 0), at most
    /// <paramref name="limit"/> (1 to <paramref name="maxLimit"/>), with the number of rows in all.
    /// </summary>
    public static async Task<ListPage<T>> PageAsync<T>(
        this IQueryable<T> filtered, Func<IQueryable<T>, IQueryable<T>> order, int offset, int limit, int maxLimit, CancellationToken ct)
    {
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, maxLimit);
        var total = await filtered.CountAsync(ct);
        var items = await order(filtered).Skip(offset).Take(limit).ToListAsync(ct);
        return new ListPage<T>(items, total, offset, limit);
    }
}
