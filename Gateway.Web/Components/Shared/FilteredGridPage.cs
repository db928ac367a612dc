namespace Gateway.Web.Components.Shared;

/// <summary>
/// A console page listing the rows a filter form selects, paged on the server (usage logs, audit log): the newest rows
/// on open, a typed filter applied only on Apply, and each new filter shown from its first page.
/// </summary>
public abstract class FilteredGridPage<TRow> : ConsolePage
{
    /// <summary>The grid the page draws, bound with <c>@ref</c>.</summary>
    protected MudDataGrid<TRow>? Grid { get; set; }

    /// <summary>The page's view model.</summary>
    protected abstract IFilteredRows<TRow> Rows { get; }

    protected override Task OnInitializedAsync() => Rows.InitializeAsync(PageLifetime);

    /// <summary>The grid's <c>ServerData</c>.</summary>
    protected async Task<GridData<TRow>> LoadAsync(GridState<TRow> state, CancellationToken ct)
    {
        // The grid cancels a load it no longer needs; leaving the page cancels it too.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, PageLifetime);
        var (rows, total) = await Rows.LoadAsync(state.Page, state.PageSize, both.Token);
        return new GridData<TRow> { Items = rows, TotalItems = total };
    }

    protected Task ApplyAsync()
    {
        Rows.Apply();
        return FirstPageAsync();
    }

    protected Task ResetAsync()
    {
        Rows.Reset();
        return FirstPageAsync();
    }

    protected Task RefreshAsync() => Grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task FirstPageAsync()
    {
        if (Grid is null)
        {
            return Task.CompletedTask;
        }

        Grid.NavigateTo(Page.First);
        return Grid.ReloadServerData();
    }
}
