namespace Gateway.Web.Console.Accounts;

/// <summary>The accounts grid's status filter.</summary>
public enum AccountStatusFilter
{
    Any,
    Active,
    CoolingDown,

    /// <summary>Suspended for at least one model.</summary>
    Suspended,
    Disabled,
    Error,

    /// <summary>Failed attempts in the last hour, pool-mode accounts included.</summary>
    Failing,
}

/// <summary>The columns the accounts grid sorts by; the names are the grid's column property names.</summary>
public enum AccountSortField
{
    Id,
    Name,
    State,
    Priority,
    Health,
    EndpointMode,
    LastUsedAt,
}

/// <summary>What the accounts grid asks for: filters, sort and page (0-based).</summary>
public sealed record AccountGridQuery(
    string? Search = null,
    AccountStatusFilter Status = AccountStatusFilter.Any,
    long? GroupId = null,
    AccountSortField Sort = AccountSortField.Id,
    bool Descending = false,
    int Page = 0,
    int PageSize = AccountGrid.DefaultPageSize);

/// <summary>One page of rows, the number of rows matching the filters, and the page actually served.</summary>
public sealed record AccountGridPage(IReadOnlyList<AccountRow> Rows, int Total, int Page);

/// <summary>
/// Filters, sorts and pages account rows. Pure: a pool has tens or hundreds of accounts, so the server
/// does this in memory and only one page goes to the browser.
/// </summary>
public static class AccountGrid
{
    public const int DefaultPageSize = 25;

    public static AccountGridPage Apply(IEnumerable<AccountRow> rows, AccountGridQuery query, DateTime now)
    {
        var matching = rows.Where(r => Matches(r, query, now));
        var sorted = Sort(matching, query, now).ToList();
        var pageSize = Math.Max(1, query.PageSize);

        // A save, disable or clear can shrink the filtered list under the admin: stay on the last page that exists.
        var lastPage = Math.Max(0, (sorted.Count - 1) / pageSize);
        var page = Math.Clamp(query.Page, 0, lastPage);
        return new AccountGridPage([.. sorted.Skip(page * pageSize).Take(pageSize)], sorted.Count, page);
    }

    private static bool Matches(AccountRow row, AccountGridQuery query, DateTime now)
    {
        if (query.GroupId is { } groupId && !row.GroupIds.Contains(groupId))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var found = row.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || row.BaseUrl.Contains(search, StringComparison.OrdinalIgnoreCase)
                || row.Groups.Any(g => g.Contains(search, StringComparison.OrdinalIgnoreCase));
            if (!found)
            {
                return false;
            }
        }

        return query.Status switch
        {
            AccountStatusFilter.Active => row.StateAt(now) == AccountState.Active,
            AccountStatusFilter.CoolingDown => row.StateAt(now) == AccountState.CoolingDown,
            AccountStatusFilter.Suspended => row.SuspensionsAt(now).Any(),
            AccountStatusFilter.Disabled => row.StateAt(now) == AccountState.Disabled,
            AccountStatusFilter.Error => row.StateAt(now) == AccountState.Error,
            AccountStatusFilter.Failing => row.Health.Failures > 0,
            _ => true,
        };
    }

    private static IEnumerable<AccountRow> Sort(IEnumerable<AccountRow> rows, AccountGridQuery query, DateTime now)
    {
        Func<AccountRow, object?> key = query.Sort switch
        {
            AccountSortField.Name => r => r.Name.ToUpperInvariant(),
            AccountSortField.State => r => r.StateAt(now),
            AccountSortField.Priority => r => r.Priority,
            AccountSortField.Health => r => r.Health.ErrorRatePercent ?? -1,
            AccountSortField.EndpointMode => r => r.EndpointMode,
            AccountSortField.LastUsedAt => r => r.LastUsedAt ?? DateTime.MinValue,
            _ => r => r.Id,
        };

        // The id breaks ties, so a page never shuffles between refreshes.
        var ordered = query.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        return ordered.ThenBy(r => r.Id);
    }
}

/// <summary>
/// The accounts page's filters, kept while the admin saves, clears or disables accounts, and turned into a
/// query for the page and sort the grid asks for.
/// </summary>
public sealed class AccountGridFilters
{
    // The grid names a sorted column by its row property.
    private static readonly Dictionary<string, AccountSortField> SortColumns = new(StringComparer.Ordinal)
    {
        [nameof(AccountRow.Name)] = AccountSortField.Name,
        [nameof(AccountRow.Status)] = AccountSortField.State,
        [nameof(AccountRow.Priority)] = AccountSortField.Priority,
        [nameof(AccountRow.Health)] = AccountSortField.Health,
        [nameof(AccountRow.EndpointMode)] = AccountSortField.EndpointMode,
        [nameof(AccountRow.LastUsedAt)] = AccountSortField.LastUsedAt,
    };

    public string? Search { get; set; }

    public AccountStatusFilter Status { get; set; } = AccountStatusFilter.Any;

    public long? GroupId { get; set; }

    public AccountGridQuery ToQuery(int page, int pageSize, string? sortColumn, bool descending) => new(
        Search,
        Status,
        GroupId,
        sortColumn is not null && SortColumns.TryGetValue(sortColumn, out var field) ? field : AccountSortField.Id,
        descending,
        page,
        pageSize);
}
