using Gateway.Web.Console;
using Gateway.Web.Console.Accounts;
using MudBlazor;

namespace Gateway.Web.Components.Pages.Home;

/// <summary>
/// The dashboard: traffic, error rate, latency, failovers, cooldowns and account health for the last day,
/// refreshed by itself while the page is open.
/// </summary>
public partial class DashboardPage
{
    /// <summary>How often an open dashboard reads fresh figures.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    // Series colours say what they count: traffic blue, errors red, failovers and the slowest request amber.
    private static readonly LineChartOptions LineOptions = new()
    {
        YAxisTicks = 1, MaxNumYAxisTicks = 6, YAxisRequireZeroPoint = true, XAxisLabelRotation = 45, ChartPalette = ["#3056d3", "#d32f2f", "#f9a825"],
    };

    private static readonly LineChartOptions PercentOptions = new()
    {
        YAxisTicks = 25, YAxisSuggestedMax = 100, YAxisRequireZeroPoint = true, XAxisLabelRotation = 45, ShowLegend = false, ChartPalette = ["#d32f2f"],
    };

    private static readonly LineChartOptions LatencyOptions = new()
    {
        YAxisTicks = 1, MaxNumYAxisTicks = 6, YAxisRequireZeroPoint = true, XAxisLabelRotation = 45, ChartPalette = ["#3056d3", "#f9a825"],
    };

    private static readonly BarChartOptions BarOptions = new() { YAxisTicks = 1, MaxNumYAxisTicks = 6, ShowLegend = false, ChartPalette = ["#f9a825"] };

    // In AccountState's order: active, cooling down, disabled, error.
    private static readonly DonutChartOptions StateOptions = new() { ChartPalette = ["#2e7d32", "#f9a825", "#9e9e9e", "#d32f2f"] };

    private LiveRefresh? live;
    private bool refreshFailed;

    protected override async Task OnInitializedAsync()
    {
        await Model.RefreshAsync(PageLifetime);

        // Prerendering draws the page once; only the interactive page keeps it fresh.
        if (RendererInfo.IsInteractive)
        {
            live = LiveRefresh.Start(Time, RefreshInterval, RefreshAsync, RefreshFailedAsync);
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (live is not null)
        {
            await live.DisposeAsync();
        }
    }

    private Task RefreshNowAsync() => RefreshAsync(PageLifetime);

    private Task RefreshAsync(CancellationToken ct) => InvokeAsync(async () =>
    {
        await Model.RefreshAsync(ct);
        refreshFailed = false;
        StateHasChanged();
    });

    private Task RefreshFailedAsync(Exception error) => InvokeAsync(() =>
    {
        Logger.LogWarning(error, "The dashboard could not refresh.");
        refreshFailed = true;
        StateHasChanged();
    });

    private static Color StateColor(AccountState state) => state switch
    {
        AccountState.Active => Color.Success,
        AccountState.CoolingDown => Color.Warning,
        AccountState.Error => Color.Error,
        _ => Color.Default,
    };
}
