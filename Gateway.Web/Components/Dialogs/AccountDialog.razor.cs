namespace Gateway.Web.Components.Dialogs;

/// <summary>
/// The create/edit dialog of an account, section by section (SPEC 7): every field says what is wrong with
/// it, and the connection can be tested before saving. Viewers get it read-only.
/// </summary>
public partial class AccountDialog
{
    private PickerModel? groupPicker;
    private string? formError;
    private IReadOnlyList<string> serverErrors = [];

    [Parameter]
    public bool ReadOnly { get; set; }

    private string SecretField => Model.Type == AccountType.ApiKey ? "api_key" : "access_token";

    private string SecretHelp => Model.HasStoredSecret
        ? Loc[nameof(Resources.AccountDialog.SecretKeptHelp)]
        : Loc[nameof(Resources.AccountDialog.SecretWriteOnly)];

    private string SecretLabel => Model.Type == AccountType.ApiKey ? Loc[nameof(Resources.AccountDialog.ApiKey)] : Loc[nameof(Resources.AccountDialog.AccessToken)];

    private string SecretRequiredText => Model.Type == AccountType.ApiKey
        ? Loc[nameof(Resources.AccountDialog.ApiKeyRequired)]
        : Loc[nameof(Resources.AccountDialog.AccessTokenRequired)];

    protected override async Task OnInitializedAsync()
    {
        var groups = await GroupService.ListAsync(PageLifetime);
        groupPicker = new PickerModel([.. groups.Select(g => new PickerItem(g.Id, g.Name))], Model.GroupIds);
    }

    // MudBlazor runs this after the value reached the model (on input, on leaving the field, on save).
    private Func<T, string?> Validate<T>(string field) => _ => Messages.FieldMessage(Model, field);

    private async Task SaveAsync()
    {
        Model.SaveAttempted = true;
        serverErrors = [];
        await ValidateFormAsync();
        if (!Model.IsValid)
        {
            formError = Loc[nameof(Resources.AccountDialog.FixErrors)];
            return;
        }

        await SaveAndCloseAsync(async () =>
        {
            var result = Model.IsNew
                ? await Accounts.CreateAsync(Model.ToInput(), Actor, PageLifetime)
                : await Accounts.UpdateAsync(Model.Id!.Value, Model.ToInput(), Actor, PageLifetime);
            if (result.Errors is { } errors)
            {
                // Only what the form cannot know: a group deleted meanwhile, for instance.
                formError = Loc[nameof(Resources.AccountDialog.SaveFailed)];
                serverErrors = [.. errors.SelectMany(e => e.Value)];
                return null;
            }

            return true;
        });
    }
}
