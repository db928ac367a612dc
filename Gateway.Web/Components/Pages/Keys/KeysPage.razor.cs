using Gateway.Core.Accounts;
using Gateway.Web.Components.Dialogs;
using Radzen;

namespace Gateway.Web.Components.Pages.Keys;

/// <summary>The API keys page: issue (secret shown once), enable, disable and delete client keys.</summary>
public partial class KeysPage
{
    private List<ApiKey> keys = [];
    private List<Gateway.Core.Accounts.Group> groups = [];
    private List<string> errors = [];
    private string? newName;
    private long? newGroupId;

    protected override async Task OnInitializedAsync()
    {
        groups = await GroupService.ListAsync(CancellationToken.None);
        newGroupId = groups.FirstOrDefault()?.Id;
        await LoadAsync();
    }

    private async Task LoadAsync() => keys = await Keys.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        var result = await Keys.CreateAsync(new ApiKeyInput(newName, newGroupId), CancellationToken.None);
        if (result.Errors is not null)
        {
            errors = [.. result.Errors.Keys.Select(field => field == "name" ? Loc[nameof(Resources.KeysPage.NameRequired)].Value : Loc[nameof(Resources.KeysPage.GroupRequired)].Value)];
            return;
        }

        errors = [];
        newName = null;
        await LoadAsync();
        await Dialogs.OpenAsync<SecretDialog>(Loc[nameof(Resources.KeysPage.CreatedTitle)], new() { [nameof(SecretDialog.Secret)] = result.Value!.Secret },
            new DialogOptions { Width = "560px", CloseDialogOnOverlayClick = false });
    }

    private async Task ToggleAsync(ApiKey key)
    {
        await Keys.SetEnabledAsync(key.Id, !key.Enabled, CancellationToken.None);
        await LoadAsync();
    }

    private async Task DeleteAsync(ApiKey key)
    {
        var confirmed = await Dialogs.Confirm(string.Format(Loc[nameof(Resources.KeysPage.DeleteConfirm)], key.Name), Common[nameof(Resources.Common.Delete)],
            new ConfirmOptions { OkButtonText = Common[nameof(Resources.Common.Delete)], CancelButtonText = Common[nameof(Resources.Common.Cancel)] });
        if (confirmed is true)
        {
            await Keys.DeleteAsync(key.Id, CancellationToken.None);
            await LoadAsync();
        }
    }
}
