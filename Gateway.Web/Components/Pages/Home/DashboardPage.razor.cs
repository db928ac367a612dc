using Gateway.Web.Console;
using Gateway.Web.Console.Accounts;

namespace Gateway.Web.Components.Pages.Home;

/// <summary>The dashboard: traffic, error rate, latency, failovers, cooldowns and account states.</summary>
public partial class DashboardPage
{
    private DashboardSnapshot? snapshot;
    private IReadOnlyList<LabelCount> states = [];

    // Hours without requests have no latency: leaving them out keeps the lines from dropping to zero.
    private IEnumerable<TrafficPoint> ActiveHours => snapshot?.Traffic.Where(t => t.Requests > 0) ?? [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        snapshot = await Dashboard.LoadAsync(CancellationToken.None);
        states = [.. snapshot.AccountsByState.Select(c => new LabelCount(StateText(c.State), c.Count))];
    }

    private string StateText(AccountState state) => state switch
    {
        AccountState.Active => Loc[nameof(Resources.DashboardPage.StateActive)],
        AccountState.CoolingDown => Loc[nameof(Resources.DashboardPage.StateCooling)],
        AccountState.Disabled => Loc[nameof(Resources.DashboardPage.StateDisabled)],
        _ => Loc[nameof(Resources.DashboardPage.StateError)],
    };

    private static string ErrorRate(DashboardSnapshot s) => s.Requests == 0 ? ConsoleFormat.None : $"{100.0 * s.Errors / s.Requests:0.#}%";

    private static string Ms(int? value) => value is { } ms ? $"{ms} ms" : ConsoleFormat.None;
}
