namespace Gateway.Web.Console;

/// <summary>
/// A listing page's filter form, as typed (usage logs, audit log): the time range and the account every listing page
/// filters by, and the page's own fields; <see cref="ToFilter"/> is what Apply sends to the query.
/// </summary>
public abstract class ListingFilterForm<TFilter>
    where TFilter : ListingFilter, new()
{
    /// <summary>Start of the range, UTC.</summary>
    public DateTime? From { get; set; }

    /// <summary>End of the range (exclusive), UTC.</summary>
    public DateTime? To { get; set; }

    /// <summary>The account picked, by id; null for every account. Each listing's filter says what the account is to its rows.</summary>
    public long? AccountId { get; set; }

    public TFilter ToFilter() => WithFields(new TFilter { From = ConsoleFormat.TypedUtc(From), To = ConsoleFormat.TypedUtc(To) });

    /// <summary><paramref name="range"/>, the filter of the form's time range, narrowed by the page's own fields.</summary>
    protected abstract TFilter WithFields(TFilter range);
}
