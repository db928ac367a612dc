namespace Gateway.Web.Components.Dialogs;

/// <summary>Creates or edits a group and chooses its member accounts from a searchable list.</summary>
public partial class GroupDialog
{
    private PickerModel? members;
    private string? formError;

    [Parameter]
    public bool ReadOnly { get; set; }

    private string? NameMessage => Model.NameProblem switch
    {
        GroupNameProblem.Required => Loc[nameof(Resources.GroupDialog.NameRequired)].Value,
        GroupNameProblem.TooLong => Common[nameof(Resources.Common.TooLong), GroupAdminService.MaxNameLength].Value,
        GroupNameProblem.Taken => Loc[nameof(Resources.GroupDialog.NameTaken)].Value,
        _ => null,
    };

    private string? DescriptionMessage => Model.DescriptionTooLong ? Common[nameof(Resources.Common.TooLong), GroupAdminService.MaxDescriptionLength].Value : null;

    protected override async Task OnInitializedAsync()
    {
        var accounts = await Accounts.ListAsync(PageLifetime);
        members = new PickerModel([.. accounts.Select(a => new PickerItem(a.Id, a.Name))], Model.AccountIds);
    }

    private async Task SaveAsync()
    {
        formError = null;
        await ValidateFormAsync();
        if (Model.NameProblem != GroupNameProblem.None || Model.DescriptionTooLong)
        {
            return;
        }

        await SaveAndCloseAsync(async () =>
        {
            var accountIds = Model.AccountIds.Order().ToList();
            var result = Model.IsNew
                ? await Groups.CreateAsync(Model.Name, Model.DescriptionOrNull, accountIds, Actor, PageLifetime)
                : await Groups.UpdateAsync(Model.Id!.Value, Model.Name, Model.DescriptionOrNull, accountIds, Actor, PageLifetime);
            if (result.Errors is { } errors)
            {
                // The form checked the name's form; what remains is what only the server knows.
                if (errors.ContainsKey("name"))
                {
                    Model.NameWasTaken();
                    await ValidateFormAsync();
                }

                formError = errors.ContainsKey("account_ids") ? Loc[nameof(Resources.GroupDialog.MembersGone)].Value : null;
                return null;
            }

            return true;
        });
    }
}
