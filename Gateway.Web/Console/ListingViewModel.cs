namespace Gateway.Web.Console;

/// <summary>
/// The state of a listing page (usage logs, audit log): the filter form as typed, the filter last applied (what the
/// grid shows), the names behind the ids the rows hold with the accounts to filter by, and pages of rows read with the
/// applied filter, each item as the page shows it.
/// </summary>
internal abstract class ListingViewModel<TForm, TFilter, TItem, TRow>(ListingQueryService<TItem, TFilter> listing) : IFilteredRows<TRow>
    where TForm : ListingFilterForm<TFilter>, new()
    where TFilter : ListingFilter, new()
    where TItem : class, IListingRow
{
    public TForm Form { get; private set; } = new();

    /// <summary>The filter the rows on screen were read with; nothing until Apply, so the page opens on the newest rows.</summary>
    public TFilter Applied { get; private set; } = new();

    /// <summary>The accounts to filter by.</summary>
    public NamedChoices Accounts { get; private set; } = NamedChoices.None;

    /// <summary>The account picked in the form.</summary>
    public NamedChoice? Account
    {
        get => Accounts.Of(Form.AccountId);
        set => Form.AccountId = value?.Id;
    }

    /// <summary>The names of accounts, keys and groups, read when the page opens.</summary>
    protected ListingNames Names { get; private set; } = ListingNames.Empty;

    public virtual async Task InitializeAsync(CancellationToken ct)
    {
        Names = await listing.NamesAsync(ct);
        Accounts = new NamedChoices(Names.Accounts);
    }

    public void Apply() => Applied = Form.ToFilter();

    public void Reset()
    {
        Form = new TForm();
        Applied = new TFilter();
    }

    public async Task<(IReadOnlyList<TRow> Rows, int Total)> LoadAsync(int page, int pageSize, CancellationToken ct)
    {
        var result = await listing.QueryAsync(Applied, page * pageSize, pageSize, ct);
        return ([.. result.Items.Select(View)], result.Total);
    }

    /// <summary>One item as the page shows it.</summary>
    protected abstract TRow View(TItem item);
}
