using Gateway.Web.Components.Dialogs;
using Gateway.Web.Console.Accounts;
using Radzen;

namespace Gateway.Web.Components.Pages.Accounts;

/// <summary>The accounts page: the grid and its row actions.</summary>
public partial class AccountsPage
{
    private List<AccountRow> rows = [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var suspensions = await Accounts.SuspensionsAsync(CancellationToken.None);
        rows = [.. (await Accounts.ListAsync(CancellationToken.None)).Select(a => AccountRow.From(a, suspensions[a.Id], now))];
    }

    private async Task CreateAsync() => await OpenEditorAsync(new AccountEditorModel(), Loc[nameof(Resources.AccountsPage.CreateTitle)]);

    private async Task EditAsync(long id)
    {
        if (await Accounts.FindAsync(id, CancellationToken.None) is { } account)
        {
            await OpenEditorAsync(AccountEditorModel.ForAccount(account), string.Format(Loc[nameof(Resources.AccountsPage.EditTitle)], account.Name));
        }
    }

    private async Task OpenEditorAsync(AccountEditorModel model, string title)
    {
        var saved = await Dialogs.OpenAsync<AccountDialog>(title, new() { [nameof(AccountDialog.Model)] = model, [nameof(AccountDialog.Actor)] = Actor },
            new DialogOptions { Width = "760px", Resizable = true, Draggable = true, AutoFocusFirstElement = false });
        if (saved is true)
        {
            Notify(NotificationSeverity.Success, Loc[nameof(Resources.AccountsPage.Saved)]);
            await LoadAsync();
        }
    }

    private async Task TestAsync(AccountRow row) =>
        await Dialogs.OpenAsync<ConnectionTestDialog>(string.Format(Loc[nameof(Resources.AccountsPage.TestTitle)], row.Name),
            new() { [nameof(ConnectionTestDialog.AccountId)] = row.Id }, new DialogOptions { Width = "480px" });

    private async Task ReprobeAsync(AccountRow row)
    {
        await Actions.ReprobeAsync(row.Id, Actor, CancellationToken.None);
        Notify(NotificationSeverity.Info, Loc[nameof(Resources.AccountsPage.ProbeQueued)]);
    }

    private async Task ClearCooldownAsync(AccountRow row)
    {
        await Accounts.ClearCooldownAsync(row.Id, Actor, CancellationToken.None);
        Notify(NotificationSeverity.Success, Loc[nameof(Resources.AccountsPage.CooldownCleared)]);
        await LoadAsync();
    }

    private async Task ToggleAsync(AccountRow row)
    {
        await Accounts.SetEnabledAsync(row.Id, !row.Enabled, Actor, CancellationToken.None);
        await LoadAsync();
    }

    private async Task DeleteAsync(AccountRow row)
    {
        var confirmed = await Dialogs.Confirm(string.Format(Loc[nameof(Resources.AccountsPage.DeleteConfirm)], row.Name), Common[nameof(Resources.Common.Delete)],
            new ConfirmOptions { OkButtonText = Common[nameof(Resources.Common.Delete)], CancelButtonText = Common[nameof(Resources.Common.Cancel)] });
        if (confirmed is true)
        {
            await Accounts.DeleteAsync(row.Id, Actor, CancellationToken.None);
            await LoadAsync();
        }
    }

    private void Notify(NotificationSeverity severity, string text) =>
        Notifications.Notify(new NotificationMessage { Severity = severity, Summary = text, Duration = 4000 });

    private string StateText(AccountState state) => state switch
    {
        AccountState.Active => Loc[nameof(Resources.AccountsPage.StateActive)],
        AccountState.CoolingDown => Loc[nameof(Resources.AccountsPage.StateCooling)],
        AccountState.Disabled => Loc[nameof(Resources.AccountsPage.StateDisabled)],
        _ => Loc[nameof(Resources.AccountsPage.StateError)],
    };

    private static BadgeStyle StateStyle(AccountState state) => state switch
    {
        AccountState.Active => BadgeStyle.Success,
        AccountState.CoolingDown => BadgeStyle.Warning,
        AccountState.Disabled => BadgeStyle.Light,
        _ => BadgeStyle.Danger,
    };

    private string ProbeText(ProbeState probe) => probe switch
    {
        ProbeState.Supported => Loc[nameof(Resources.AccountsPage.ProbeSupported)],
        ProbeState.Unsupported => Loc[nameof(Resources.AccountsPage.ProbeUnsupported)],
        _ => Loc[nameof(Resources.AccountsPage.ProbeUnknown)],
    };
}
