namespace Gateway.Web.Components.Pages.Settings;

/// <summary>The settings page: experimental features, and the read-only tunables in words.</summary>
public partial class SettingsPage
{
    private bool autoEndpoint;
    private bool saving;
    private IReadOnlyList<TunableRow> tunables = [];

    protected override async Task OnInitializedAsync()
    {
        autoEndpoint = (await Settings.GetAsync(PageLifetime)).AutoEndpoint;
        tunables = Tunables.Describe(Options.CurrentValue);
    }

    private async Task SaveAsync(bool on)
    {
        saving = true;
        try
        {
            var current = await Settings.GetAsync(PageLifetime);
            autoEndpoint = (await Settings.SaveAsync(current with { AutoEndpoint = on }, PageLifetime)).AutoEndpoint;
            Snackbar.Add(Loc[nameof(Resources.SettingsPage.Saved)], Severity.Success);
        }
        finally
        {
            saving = false;
        }
    }
}
