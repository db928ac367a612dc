namespace Gateway.Web.Console;

/// <summary>A page's rows selected by a filter form, read a page at a time: the state behind a <c>FilteredGridPage</c>.</summary>
public interface IFilteredRows<TRow>
{
    /// <summary>Reads what the form offers to pick from, when the page opens.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Makes the form's filter the one the rows are read with.</summary>
    void Apply();

    /// <summary>Empties the form and the applied filter.</summary>
    void Reset();

    /// <summary>One page (zero-based) of the rows the applied filter selects, newest first, and how many there are in all.</summary>
    Task<(IReadOnlyList<TRow> Rows, int Total)> LoadAsync(int page, int pageSize, CancellationToken ct);
}
