using Gateway.Core.Accounts;
using Gateway.Web.Console.Accounts;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Dialogs;

/// <summary>The create/edit dialog of an account, section by section.</summary>
public partial class AccountDialog
{
    private static readonly IReadOnlyList<Choice<AccountPlatform>> Platforms =
        [.. Enum.GetValues<AccountPlatform>().Select(p => new Choice<AccountPlatform>(p, p.ToWire()))];

    private static readonly IReadOnlyList<Choice<AccountType>> Types =
        [.. Enum.GetValues<AccountType>().Select(t => new Choice<AccountType>(t, t.ToWire()))];

    private IReadOnlyList<Choice<AccountStatus>> Statuses =>
    [
        new(AccountStatus.Active, Loc[nameof(Resources.AccountDialog.StatusActive)]),
        new(AccountStatus.Disabled, Loc[nameof(Resources.AccountDialog.StatusDisabled)]),
        new(AccountStatus.Error, Loc[nameof(Resources.AccountDialog.StatusError)]),
    ];

    private IReadOnlyDictionary<string, List<string>> errors = new Dictionary<string, List<string>>();
    private List<Gateway.Core.Accounts.Group> groups = [];
    private bool saving;

    [Parameter, EditorRequired]
    public AccountEditorModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Actor { get; set; } = "";

    protected override async Task OnInitializedAsync() => groups = await GroupService.ListAsync(CancellationToken.None);

    private async Task SaveAsync()
    {
        errors = Model.Validate();
        if (errors.Count > 0)
        {
            return;
        }

        saving = true;
        try
        {
            var result = Model.IsNew
                ? await Accounts.CreateAsync(Model.ToInput(), Actor, CancellationToken.None)
                : await Accounts.UpdateAsync(Model.Id!.Value, Model.ToInput(), Actor, CancellationToken.None);
            if (result.Errors is not null)
            {
                errors = result.Errors;
                return;
            }

            Dialogs.Close(true);
        }
        finally
        {
            saving = false;
        }
    }

    private string FieldLabel(string field) => field switch
    {
        "name" => Loc[nameof(Resources.AccountDialog.Name)],
        "base_url" => Loc[nameof(Resources.AccountDialog.BaseUrl)],
        "api_key" => Loc[nameof(Resources.AccountDialog.ApiKey)],
        "access_token" => Loc[nameof(Resources.AccountDialog.AccessToken)],
        "token_url" => Loc[nameof(Resources.AccountDialog.TokenUrl)],
        "priority" => Loc[nameof(Resources.AccountDialog.Priority)],
        "concurrency" => Loc[nameof(Resources.AccountDialog.Concurrency)],
        "group_ids" => Loc[nameof(Resources.AccountDialog.Groups)],
        "model_mapping" => Loc[nameof(Resources.AccountDialog.ModelMapping)],
        "pool_mode_retry_status_codes" => Loc[nameof(Resources.AccountDialog.RetryStatusCodes)],
        _ => field,
    };

    // The rule each field breaks, in the console's language; the service's own text where no translation exists.
    private string FieldError(string field, List<string> messages) => field switch
    {
        "name" => Loc[nameof(Resources.AccountDialog.NameError)],
        "base_url" => Loc[nameof(Resources.AccountDialog.BaseUrlError)],
        "api_key" or "access_token" => Loc[nameof(Resources.AccountDialog.SecretError)],
        "token_url" => Loc[nameof(Resources.AccountDialog.TokenUrlError)],
        "priority" => Loc[nameof(Resources.AccountDialog.PriorityError)],
        "concurrency" => Loc[nameof(Resources.AccountDialog.ConcurrencyError)],
        "model_mapping" => Loc[nameof(Resources.AccountDialog.ModelMappingError)],
        "pool_mode_retry_status_codes" => string.Join(", ", messages),
        _ => string.Join(" ", messages),
    };

    private sealed record Choice<T>(T Value, string Text);
}
