using Gateway.Core.Options;
using Gateway.Core.Settings;
using Gateway.Web.Console;
using Microsoft.Extensions.Options;
using Radzen;

namespace Gateway.Web.Components.Pages.Settings;

/// <summary>The settings page: experimental features and the read-only tunables.</summary>
public partial class SettingsPage
{
    private bool autoEndpoint;
    private IReadOnlyList<TunableRow> tunables = [];

    protected override async Task OnInitializedAsync()
    {
        autoEndpoint = (await Settings.GetAsync(CancellationToken.None)).AutoEndpoint;
        tunables = GatewayOptionsView.Describe(Options.CurrentValue);
    }

    private async Task SaveAsync(bool on)
    {
        var current = await Settings.GetAsync(CancellationToken.None);
        autoEndpoint = (await Settings.SaveAsync(current with { AutoEndpoint = on }, CancellationToken.None)).AutoEndpoint;
        Notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Success, Summary = Loc[nameof(Resources.SettingsPage.Saved)], Duration = 3000 });
    }
}
