namespace Gateway.Web.Components.Pages.Groups;

/// <summary>The groups page: groups with their member accounts and key counts; membership is edited here, in the group dialog.</summary>
public partial class GroupsPage
{
    private const int ShownMembers = 4;

    private List<Gateway.Core.Accounts.Group> groups = [];
    private string? search;
    private bool loading = true;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        groups = await GroupService.ListAsync(PageLifetime);
        loading = false;
    }

    // Groups are few: searched where they are, over their names, descriptions and member accounts.
    private bool Matches(Gateway.Core.Accounts.Group group) =>
        string.IsNullOrWhiteSpace(search)
        || group.Name.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase)
        || (group.Description?.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase) ?? false)
        || group.Accounts.Any(a => a.Name.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase));

    private Task CreateAsync() => OpenAsync(new GroupEditorModel(), Loc[nameof(Resources.GroupsPage.CreateTitle)]);

    private Task EditAsync(Gateway.Core.Accounts.Group group) =>
        OpenAsync(GroupEditorModel.ForGroup(group), Loc[CanEdit ? nameof(Resources.GroupsPage.EditTitle) : nameof(Resources.GroupsPage.ViewTitle), group.Name]);

    private async Task OpenAsync(GroupEditorModel model, string title)
    {
        var parameters = new DialogParameters<GroupDialog> { { d => d.Model, model }, { d => d.Actor, Actor }, { d => d.ReadOnly, !CanEdit } };
        if (await Dialogs.EditAsync(title, parameters, MaxWidth.Small) is not null)
        {
            Snackbar.Add(Loc[nameof(Resources.GroupsPage.Saved)], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(Gateway.Core.Accounts.Group group)
    {
        if (!await Dialogs.ConfirmAsync(Loc[nameof(Resources.GroupsPage.DeleteTitle)], Loc[nameof(Resources.GroupsPage.DeleteConfirm), group.Name],
            Loc[nameof(Resources.GroupsPage.Delete)], Common))
        {
            return;
        }

        var result = await GroupService.DeleteAsync(group.Id, Actor, PageLifetime);
        if (result.Errors is not null)
        {
            Snackbar.Add(Loc[nameof(Resources.GroupsPage.StillUsed), group.Name], Severity.Warning);
            return;
        }

        Snackbar.Add(Loc[nameof(Resources.GroupsPage.Deleted)], Severity.Success);
        await LoadAsync();
    }

}
