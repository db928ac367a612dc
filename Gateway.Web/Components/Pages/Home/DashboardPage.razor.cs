namespace Gateway.Web.Components.Pages.Home;

/// <summary>
/// The dashboard: traffic, error rate, latency, failovers, cooldowns and account health for the last day,
/// refreshed by itself while the page is open (<see cref="LiveConsolePage"/>).
/// </summary>
public partial class DashboardPage
{
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

    protected override Task LoadAsync(CancellationToken ct) => Model.RefreshAsync(ct);

    private static Color StateColor(AccountState state) => state switch
    {
        AccountState.Active => Color.Success,
        AccountState.CoolingDown => Color.Warning,
        AccountState.Error => Color.Error,
        _ => Color.Default,
    };
}
