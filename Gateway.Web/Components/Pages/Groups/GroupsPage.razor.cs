using Gateway.Core.Accounts;
using Radzen;

namespace Gateway.Web.Components.Pages.Groups;

/// <summary>The groups page: create, rename, describe and delete groups.</summary>
public partial class GroupsPage
{
    private List<Gateway.Core.Accounts.Group> groups = [];
    private string? name;
    private string? description;
    private long? editingId;
    private string? error;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => groups = await GroupService.ListAsync(CancellationToken.None);

    private void Edit(Gateway.Core.Accounts.Group group)
    {
        editingId = group.Id;
        name = group.Name;
        description = group.Description;
    }

    private void Reset()
    {
        editingId = null;
        name = null;
        description = null;
        error = null;
    }

    private async Task SaveAsync()
    {
        var result = editingId is { } id
            ? await GroupService.UpdateAsync(id, name, description, CancellationToken.None)
            : await GroupService.CreateAsync(name, description, CancellationToken.None);
        if (result.Errors is not null)
        {
            error = string.IsNullOrWhiteSpace(name) ? Loc[nameof(Resources.GroupsPage.NameRequired)] : Loc[nameof(Resources.GroupsPage.NameTaken)];
            return;
        }

        Reset();
        await LoadAsync();
    }

    private async Task DeleteAsync(Gateway.Core.Accounts.Group group)
    {
        var confirmed = await Dialogs.Confirm(string.Format(Loc[nameof(Resources.GroupsPage.DeleteConfirm)], group.Name), Common[nameof(Resources.Common.Delete)],
            new ConfirmOptions { OkButtonText = Common[nameof(Resources.Common.Delete)], CancelButtonText = Common[nameof(Resources.Common.Cancel)] });
        if (confirmed is not true)
        {
            return;
        }

        var result = await GroupService.DeleteAsync(group.Id, CancellationToken.None);
        error = result.Errors is null ? null : string.Format(Loc[nameof(Resources.GroupsPage.StillUsed)], group.ApiKeys.Count);
        await LoadAsync();
    }
}
