namespace Gateway.Web.Components.Dialogs;

/// <summary>Creates or edits a group and chooses its member accounts from a searchable list.</summary>
public partial class GroupDialog
{
    private MudForm? form;
    private PickerModel? members;
    private string? formError;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public GroupEditorModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Actor { get; set; } = "";

    [Parameter]
    public bool ReadOnly { get; set; }

    private string? NameMessage => Model.NameProblem switch
    {
        GroupNameProblem.Required => Loc[nameof(Resources.GroupDialog.NameRequired)].Value,
        GroupNameProblem.TooLong => Loc[nameof(Resources.GroupDialog.NameTooLong), Gateway.Core.Accounts.GroupAdminService.MaxNameLength].Value,
        GroupNameProblem.Taken => Loc[nameof(Resources.GroupDialog.NameTaken)].Value,
        _ => null,
    };

    protected override async Task OnInitializedAsync()
    {
        var accounts = await Accounts.ListAsync(PageLifetime);
        members = new PickerModel([.. accounts.Select(a => new PickerItem(a.Id, a.Name))], Model.AccountIds);
    }

    private async Task SaveAsync()
    {
        formError = null;
        if (form is not null)
        {
            await form.ValidateAsync();
        }

        if (Model.NameProblem != GroupNameProblem.None)
        {
            return;
        }

        saving = true;
        try
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
                    await form!.ValidateAsync();
                }

                formError = errors.ContainsKey("account_ids") ? Loc[nameof(Resources.GroupDialog.MembersGone)].Value : null;
                return;
            }

            Dialog.Close(DialogResult.Ok(true));
        }
        finally
        {
            saving = false;
        }
    }
}
