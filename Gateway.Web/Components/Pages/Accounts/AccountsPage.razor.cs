namespace Gateway.Web.Components.Pages.Accounts;

/// <summary>
/// The accounts page: a server-paged grid with its filters kept across every action, confirmations for the
/// actions that take an account out of (or back into) rotation, and live cooldowns and suspensions: a
/// one-second tick counts them down and drops them when they end, and the rows reload every few seconds
/// to catch new ones, while the page is open and its browser connected (<see cref="LiveConsolePage"/>).
/// </summary>
public partial class AccountsPage
{
    /// <summary>How often the rows are read again while the page is open.</summary>
    public static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(5);

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly AccountGridFilters filters = new();
    private MudDataGrid<AccountRow>? grid;
    private List<Gateway.Core.Accounts.Group> groups = [];
    private Gateway.Core.Accounts.Group? groupFilter;
    private IReadOnlyList<AccountRow> shown = [];
    private DateTime now;
    private DateTime reloadDueAt;
    private int page;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(filters.Search) || filters.Status != AccountStatusFilter.Any || filters.GroupId is not null;

    private IEnumerable<(AccountStatusFilter Value, string Text)> StatusFilters =>
    [
        (AccountStatusFilter.Any, Loc[nameof(Resources.AccountsPage.FilterAny)]),
        (AccountStatusFilter.Active, Terms.AccountState(AccountState.Active)),
        (AccountStatusFilter.CoolingDown, Terms.AccountState(AccountState.CoolingDown)),
        (AccountStatusFilter.Suspended, Loc[nameof(Resources.AccountsPage.FilterSuspended)]),
        (AccountStatusFilter.Disabled, Terms.AccountState(AccountState.Disabled)),
        (AccountStatusFilter.Error, Terms.AccountState(AccountState.Error)),
        (AccountStatusFilter.Failing, Loc[nameof(Resources.AccountsPage.FilterFailing)]),
    ];

    // A one-second tick: cooldowns count down on screen between reads.
    protected override TimeSpan TickInterval => TimeSpan.FromSeconds(1);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        now = Time.GetUtcNow().UtcDateTime;
        groups = await GroupService.ListAsync(ct);
    }

    // Every second: count down; read again when due, or as soon as a cooldown or suspension on screen ends.
    protected override async Task TickAsync(CancellationToken ct)
    {
        now = Time.GetUtcNow().UtcDateTime;
        var somethingEnded = shown.Any(r => r.NextChangeAfter(now - TimeSpan.FromSeconds(1)) is { } end && end <= now);
        if ((now >= reloadDueAt || somethingEnded) && grid is not null)
        {
            await grid.ReloadServerData();
        }
    }

    private async Task<GridData<AccountRow>> QueryAsync(GridState<AccountRow> state, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, PageLifetime);
        var sort = state.SortDefinitions.FirstOrDefault();
        var result = await Grid.QueryAsync(filters.ToQuery(state.Page, state.PageSize, sort?.SortBy, sort?.Descending ?? false), linked.Token);
        now = Time.GetUtcNow().UtcDateTime;
        reloadDueAt = now + ReloadEvery;
        shown = result.Rows;
        page = result.Page;
        return new GridData<AccountRow> { Items = result.Rows, TotalItems = result.Total };
    }

    // The grid reloads in place after a change: filters, sort and page stay as the admin left them.
    private RowActions Rows => new(Loc, Common, Dialogs, Snackbar, ReloadAsync);

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task FirstPageAsync()
    {
        page = 0;
        await ReloadAsync();
    }

    private async Task SearchChangedAsync(string? search)
    {
        filters.Search = search;
        await FirstPageAsync();
    }

    private async Task StatusChangedAsync(AccountStatusFilter status)
    {
        filters.Status = status;
        await FirstPageAsync();
    }

    private async Task GroupChangedAsync(Gateway.Core.Accounts.Group? group)
    {
        groupFilter = group;
        filters.GroupId = group?.Id;
        await FirstPageAsync();
    }

    private Task<IEnumerable<Gateway.Core.Accounts.Group>> SearchGroupsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(groups.Where(g => string.IsNullOrWhiteSpace(text) || g.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase)));

    private async Task CreateAsync() => await OpenEditorAsync(new AccountEditorModel(), Loc[nameof(Resources.AccountsPage.CreateTitle)]);

    private async Task EditAsync(AccountRow row)
    {
        if (await Accounts.FindAsync(row.Id, PageLifetime) is not { } account)
        {
            Snackbar.Add(Loc[nameof(Resources.AccountsPage.Gone)], Severity.Warning);
            await ReloadAsync();
            return;
        }

        var title = Loc[CanEdit ? nameof(Resources.AccountsPage.EditTitle) : nameof(Resources.AccountsPage.ViewTitle), account.Name];
        await OpenEditorAsync(AccountEditorModel.ForAccount(account), title);
    }

    private async Task OpenEditorAsync(AccountEditorModel model, string title)
    {
        var parameters = new DialogParameters<AccountDialog> { { d => d.Model, model }, { d => d.Actor, Actor }, { d => d.ReadOnly, !CanEdit } };
        if (await Dialogs.EditAsync(title, parameters, MaxWidth.Medium) is not null)
        {
            Snackbar.Add(Loc[nameof(Resources.AccountsPage.Saved)], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task TestAsync(AccountRow row)
    {
        var suggestions = (await Accounts.FindAsync(row.Id, PageLifetime))?.ModelMapping.Values.Where(m => !m.EndsWith('*')).Distinct().ToList() ?? [];
        var parameters = new DialogParameters<ConnectionTestDialog> { { d => d.AccountId, row.Id }, { d => d.Platform, row.Platform }, { d => d.Suggestions, suggestions } };
        await Dialogs.ShowAsync<ConnectionTestDialog>(Loc[nameof(Resources.AccountsPage.TestTitle), row.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }

    private async Task ReprobeAsync(AccountRow row)
    {
        await Actions.ReprobeAsync(row.Id, Actor, PageLifetime);
        Snackbar.Add(Loc[nameof(Resources.AccountsPage.ProbeQueued)], Severity.Info);
    }

    private async Task ClearCooldownAsync(AccountRow row)
    {
        if (await Rows.ConfirmAsync(nameof(Resources.AccountsPage.ClearCooldownTitle), nameof(Resources.AccountsPage.ClearCooldownConfirm), row.Name, nameof(Resources.AccountsPage.ClearCooldown)))
        {
            var cleared = await Accounts.ClearCooldownAsync(row.Id, Actor, PageLifetime);
            await Rows.AfterChangeAsync(cleared is not null, nameof(Resources.AccountsPage.CooldownCleared));
        }
    }

    private Task ToggleAsync(AccountRow row) => Rows.ToggleAsync(row.Name, row.Enabled, enabled => Accounts.SetEnabledAsync(row.Id, enabled, Actor, PageLifetime));

    private Task DeleteAsync(AccountRow row) => Rows.DeleteAsync(row.Name, () => Accounts.DeleteAsync(row.Id, Actor, PageLifetime));

    private string LastFailureText(AccountHealth health) =>
        health.LastFailureStatus is { } status and > 0 ? $"{status} {Terms.FailureClass(health.LastFailureClass)}" : Terms.FailureClass(health.LastFailureClass);

    private static Color StateColor(AccountState state) => state switch
    {
        AccountState.Active => Color.Success,
        AccountState.CoolingDown => Color.Warning,
        AccountState.Disabled => Color.Default,
        _ => Color.Error,
    };

}
