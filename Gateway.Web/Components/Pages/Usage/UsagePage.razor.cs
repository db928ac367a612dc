namespace Gateway.Web.Components.Pages.Usage;

/// <summary>
/// The usage-log page: the newest rows on open, filters applied on demand, server-side paging, each
/// request's attempt trace, and a CSV export of exactly the applied filter.
/// </summary>
public partial class UsagePage
{
    private static readonly int[] PageSizes = [25, UsageQueryService.DefaultPageSize, 100, 200];

    private MudDataGrid<UsageRowView>? grid;

    protected override Task OnInitializedAsync() => Model.InitializeAsync(PageLifetime);

    private async Task<GridData<UsageRowView>> LoadAsync(GridState<UsageRowView> state, CancellationToken ct)
    {
        // The grid cancels a load it no longer needs; leaving the page cancels it too.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, PageLifetime);
        var (rows, total) = await Model.LoadAsync(state.Page, state.PageSize, both.Token);
        return new GridData<UsageRowView> { Items = rows, TotalItems = total };
    }

    private Task ApplyAsync()
    {
        Model.Apply();
        return FirstPageAsync();
    }

    private Task ResetAsync()
    {
        Model.Reset();
        return FirstPageAsync();
    }

    private Task RefreshAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    // New filters start over on the first page.
    private Task FirstPageAsync()
    {
        if (grid is null)
        {
            return Task.CompletedTask;
        }

        grid.NavigateTo(Page.First);
        return grid.ReloadServerData();
    }

    private Task<IEnumerable<NamedChoice>> SearchAccountsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(UsageViewModel.Search(Model.Accounts, text));

    private Task<IEnumerable<NamedChoice>> SearchKeysAsync(string? text, CancellationToken ct) =>
        Task.FromResult(UsageViewModel.Search(Model.Keys, text));

    private static Color StatusColor(int status) => status switch
    {
        >= 200 and < 300 => Color.Success,
        >= 400 and < 500 => Color.Warning,
        _ => Color.Error,
    };
}
