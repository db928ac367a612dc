namespace Gateway.Web.Console;

/// <summary>
/// The state of a listing page (usage logs, audit log): the filter form as typed, the filter last applied (what the
/// grid shows), and pages of rows read with it, each item as the page shows it.
/// </summary>
internal abstract class ListingViewModel<TForm, TFilter, TItem, TRow> : IFilteredRows<TRow>
    where TForm : ListingFilterForm<TFilter>, new()
    where TFilter : ListingFilter, new()
{
    public TForm Form { get; private set; } = new();

    /// <summary>The filter the rows on screen were read with; nothing until Apply, so the page opens on the newest rows.</summary>
    public TFilter Applied { get; private set; } = new();

    public abstract Task InitializeAsync(CancellationToken ct);

    public void Apply() => Applied = Form.ToFilter();

    public void Reset()
    {
        Form = new TForm();
        Applied = new TFilter();
    }

    public async Task<(IReadOnlyList<TRow> Rows, int Total)> LoadAsync(int page, int pageSize, CancellationToken ct)
    {
        var result = await QueryAsync(Applied, page * pageSize, pageSize, ct);
        return ([.. result.Items.Select(View)], result.Total);
    }

    /// <summary>The listing's query: the items <paramref name="filter"/> selects, newest first, from <paramref name="offset"/>.</summary>
    protected abstract Task<ListPage<TItem>> QueryAsync(TFilter filter, int offset, int limit, CancellationToken ct);

    /// <summary>One item as the page shows it.</summary>
    protected abstract TRow View(TItem item);
}
