namespace Gateway.Web.Components.Pages.Keys;

/// <summary>The API keys page: issue a key (its secret shown once), enable, disable and delete keys.</summary>
public partial class KeysPage
{
    private List<ApiKey> keys = [];
    private List<Gateway.Core.Accounts.Group> groups = [];
    private string? search;
    private bool loading = true;

    private enum KeyState
    {
        Enabled,
        Disabled,
        Expired,
    }

    protected override async Task OnInitializedAsync()
    {
        groups = await GroupService.ListAsync(PageLifetime);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        keys = await Keys.ListAsync(PageLifetime);
        loading = false;
    }

    private RowActions Rows => new(Loc, Common, Dialogs, Snackbar, LoadAsync);

    private bool Matches(ApiKey key) =>
        string.IsNullOrWhiteSpace(search)
        || key.Name.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase)
        || key.Prefix.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (key.Group?.Name.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase) ?? false);

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<KeyDialog> { { d => d.Model, new KeyEditorModel() }, { d => d.Groups, groups }, { d => d.Actor, Actor } };
        if (await Dialogs.EditAsync(Loc[nameof(Resources.KeysPage.CreateTitle)], parameters, MaxWidth.Small) is CreatedApiKey created)
        {
            await LoadAsync();
            StateHasChanged();

            // The secret lives only in this call: once its dialog is closed no page state holds it.
            await SecretDialog.ShowAsync(Dialogs, Loc[nameof(Resources.KeysPage.CreatedTitle)], created.Secret);
        }
    }

    private Task ToggleAsync(ApiKey key) => Rows.ToggleAsync(key.Name, key.Enabled, enabled => Keys.SetEnabledAsync(key.Id, enabled, Actor, PageLifetime));

    private Task DeleteAsync(ApiKey key) => Rows.DeleteAsync(key.Name, () => Keys.DeleteAsync(key.Id, Actor, PageLifetime));

    private KeyState StateOf(ApiKey key) =>
        !key.Enabled ? KeyState.Disabled : key.ExpiresAt <= Time.GetUtcNow().UtcDateTime ? KeyState.Expired : KeyState.Enabled;

    private string StateText(KeyState state) => state switch
    {
        KeyState.Enabled => Loc[nameof(Resources.KeysPage.StateEnabled)],
        KeyState.Disabled => Loc[nameof(Resources.KeysPage.StateDisabled)],
        _ => Loc[nameof(Resources.KeysPage.StateExpired)],
    };

    private static Color StateColor(KeyState state) => state == KeyState.Enabled ? Color.Success : state == KeyState.Expired ? Color.Warning : Color.Default;

    private string LimitsText(ApiKey key)
    {
        var limits = new[]
        {
            key.ConcurrencyLimit is { } concurrency ? Loc[nameof(Resources.KeysPage.ConcurrencyLimit), concurrency].Value : null,
            key.RequestsPerMinute is { } rpm ? Loc[nameof(Resources.KeysPage.RpmLimit), rpm].Value : null,
        }.OfType<string>().ToList();
        return limits.Count == 0 ? Loc[nameof(Resources.KeysPage.NoLimits)] : string.Join(" · ", limits);
    }
}
