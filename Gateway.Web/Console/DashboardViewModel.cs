using Loc = Gateway.Web.Resources.DashboardPage;

namespace Gateway.Web.Console;

/// <summary>A figure on the dashboard's cards.</summary>
public sealed record StatCard(string Label, string Value, string TestId);

/// <summary>An account's line in the health table, in the console's language.</summary>
public sealed record AccountHealthView(long Id, string Name, AccountState State, string StateText, string Detail, int Requests, string ErrorRate);

/// <summary>A chart's x labels and series.</summary>
public sealed record ChartView(string[] Labels, List<ChartSeries<double>> Series);

/// <summary>
/// The dashboard's state: the last snapshot and what the page draws from it (cards, chart series, the
/// account health table), every word in the console's language.
/// </summary>
internal sealed class DashboardViewModel(DashboardService dashboard, ConsoleTerms terms, IStringLocalizer<Loc> loc)
{
    public DashboardSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<StatCard> Cards { get; private set; } = [];

    public ChartView Traffic { get; private set; } = Empty;

    public ChartView ErrorRate { get; private set; } = Empty;

    public ChartView Latency { get; private set; } = Empty;

    public ChartView States { get; private set; } = Empty;

    public ChartView Cooldowns { get; private set; } = Empty;

    public IReadOnlyList<AccountHealthView> Accounts { get; private set; } = [];

    /// <summary>When the snapshot was read, UTC.</summary>
    public string UpdatedAt => Snapshot is { } s ? ConsoleFormat.Utc(s.Now) : ConsoleFormat.None;

    // The subtitle of an hourly chart's tooltip in MudBlazor's placeholders: the point's hour (its colour names the series).
    // Alone it keeps the tooltip, centred on its point, inside the 30 px the chart leaves right of its last hour.
    private const string HourlyTooltip = "{{X_VALUE}}";

    private static ChartView Empty { get; } = new([], []);

    public async Task RefreshAsync(CancellationToken ct)
    {
        var s = await dashboard.LoadAsync(ct);
        var hours = s.Traffic.Select(t => t.Hour.ToString("HH:mm", CultureInfo.InvariantCulture)).ToArray();
        Cards =
        [
            new(loc[nameof(Loc.Requests)], s.Requests.ToString("N0", CultureInfo.CurrentCulture), "stat-requests"),
            new(loc[nameof(Loc.ErrorRate)], Percent(s.ErrorRatePercent), "stat-error-rate"),
            new(loc[nameof(Loc.Failovers)], s.Failovers.ToString("N0", CultureInfo.CurrentCulture), "stat-failovers"),
            new(loc[nameof(Loc.LatencyP50)], Ms(s.Latency.P50), "stat-p50"),
            new(loc[nameof(Loc.LatencyP90)], Ms(s.Latency.P90), "stat-p90"),
            new(loc[nameof(Loc.LatencyP99)], Ms(s.Latency.P99), "stat-p99"),
            new(loc[nameof(Loc.FirstTokenP50)], Ms(s.Latency.FirstTokenP50), "stat-first-token"),
        ];
        Traffic = new(hours,
        [
            Hourly(loc[nameof(Loc.Requests)], s.Traffic.Select(t => (double)t.Requests)),
            Hourly(loc[nameof(Loc.Errors)], s.Traffic.Select(t => (double)t.Errors)),
            Hourly(loc[nameof(Loc.Failovers)], s.Traffic.Select(t => (double)t.Failovers)),
        ]);
        ErrorRate = new(hours, [Hourly(loc[nameof(Loc.ErrorRate)], s.Traffic.Select(t => t.ErrorRatePercent))]);
        Latency = new(hours,
        [
            Hourly(loc[nameof(Loc.LatencyAverage)], s.Traffic.Select(t => (double)t.AverageMs)),
            Hourly(loc[nameof(Loc.LatencyMax)], s.Traffic.Select(t => (double)t.MaxMs)),
        ]);
        States = new(
            [.. s.AccountsByState.Select(c => terms.AccountState(c.State))],
            [Series(loc[nameof(Loc.AccountsChart)], s.AccountsByState.Select(c => (double)c.Count))]);
        Cooldowns = new(
            [.. s.CooldownEvents.Select(c => terms.AuditAction(c.Label))],
            [Series(loc[nameof(Loc.CooldownsChart)], s.CooldownEvents.Select(c => (double)c.Count))]);
        Accounts = [.. s.Accounts.Select(a => new AccountHealthView(a.Id, a.Name, a.State, terms.AccountState(a.State), Detail(a, s.Now), a.Requests, Percent(a.ErrorRatePercent)))];
        Snapshot = s;
    }

    // Why an account cannot serve, and for how long more when that is known.
    private string Detail(DashboardAccount a, DateTime now)
    {
        var reason = a.Reason is null ? null : terms.AccountReason(a.Reason);
        if (a.CooldownUntil is not { } until)
        {
            return reason ?? "";
        }

        var left = string.Format(CultureInfo.CurrentCulture, loc[nameof(Loc.TimeLeft)], terms.Duration(until - now));
        return reason is null ? left : $"{reason} · {left}";
    }

    private string Ms(int? value) => value is { } ms ? terms.Milliseconds(ms) : ConsoleFormat.None;

    private static string Percent(double? value) => value is { } p ? p.ToString("0.#", CultureInfo.CurrentCulture) + "%" : ConsoleFormat.None;

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = new ChartData<double>([.. values]) };

    // A point's tooltip names its hour under the value: on a narrow chart most hours have no label on the axis.
    private static ChartSeries<double> Hourly(string name, IEnumerable<double> values)
    {
        var series = Series(name, values);
        series.TooltipSubtitleFormat = HourlyTooltip;
        return series;
    }
}
