namespace Gateway.Web.Console;

/// <summary>
/// Reads what the dashboard shows for the last day: the database sums the usage logs by hour and by account and counts
/// the requests of each duration, so a busy day costs a few small answers instead of every row;
/// <see cref="DashboardCalculator"/> arranges them. Every open dashboard refreshes every few seconds: one read serves
/// them all for <see cref="CacheFor"/>, longer when the read itself was slow (a <see cref="SharedRead{T}"/>).
/// </summary>
public sealed class DashboardService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How many hours the dashboard covers: the current one and the 23 before it.</summary>
    public const int Hours = 24;

    /// <summary>Shorter than a page's refresh, so each of a page's ticks finds fresh figures.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SharedRead<DashboardSnapshot> shared = new(time, CacheFor);

    public Task<DashboardSnapshot> LoadAsync(CancellationToken ct) => shared.GetAsync(ReadAsync, ct);

    private async Task<DashboardSnapshot> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = DashboardCalculator.Hour(now).AddHours(1 - Hours);
        var to = DashboardCalculator.Hour(now).AddHours(1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var window = db.UsageLogs.AsNoTracking().Where(u => u.CreatedAt >= from && u.CreatedAt < to);

        // An hour at a time: the index finds each hour's rows, where grouping the window by an hour computed from every
        // row's time took seconds on a million rows.
        var hours = new List<HourTotals>(Hours);
        for (var hour = from; hour < to; hour = hour.AddHours(1))
        {
            var end = hour.AddHours(1);
            var totals = await db.UsageLogs.AsNoTracking().Where(u => u.CreatedAt >= hour && u.CreatedAt < end)
                .GroupBy(u => 1)
                .Select(g => new
                {
                    Requests = g.Count(),
                    Errors = g.Count(u => u.Status >= 400 || u.Status == 0),
                    Average = g.Average(u => u.DurationMs),
                    Max = g.Max(u => u.DurationMs),
                })
                .FirstOrDefaultAsync(ct);
            if (totals is not null)
            {
                hours.Add(new HourTotals(hour, totals.Requests, totals.Errors, (int)Math.Round(totals.Average), totals.Max));
            }
        }

        var failovers = (await window.WhereFailedOver(true)
            .GroupBy(u => new { u.CreatedAt.Date, u.CreatedAt.Hour })
            .Select(g => new { g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct))
            .Select(f => new HourCount(f.Date.AddHours(f.Hour), f.Count))
            .ToList();

        var durations = await HistogramAsync(window.Select(u => u.DurationMs), ct);
        var firstTokens = await HistogramAsync(window.Where(u => u.FirstTokenMs != null).Select(u => u.FirstTokenMs!.Value), ct);
        var latency = new LatencySummary(
            DashboardCalculator.Percentile(durations, 50),
            DashboardCalculator.Percentile(durations, 90),
            DashboardCalculator.Percentile(durations, 99),
            DashboardCalculator.Percentile(firstTokens, 50));

        var served = await window.Where(u => u.AccountId != null)
            .GroupBy(u => u.AccountId!.Value)
            .Select(g => new AccountTraffic(g.Key, g.Count(), g.Count(u => u.Status >= 400 || u.Status == 0)))
            .ToListAsync(ct);

        // The attempts a request moved on from are in its trace only: few requests have them, the newest are read.
        var retried = await window.Where(u => u.Attempts > 1)
            .OrderByDescending(u => u.CreatedAt)
            .Take(AccountHealthService.MaxRequests)
            .Select(u => new { u.CreatedAt, u.Trace })
            .ToListAsync(ct);
        var movedOn = AccountHealthCalculator.FromTraces(retried.Select(r => (r.CreatedAt, (IReadOnlyList<AttemptTrace>)(r.Trace.Count > 0 ? r.Trace[..^1] : r.Trace))));
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(ct);
        var cooldowns = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CreatedAt >= from && a.CreatedAt < to && a.Action.StartsWith(AuditActions.CooldownPrefix))
            .GroupBy(a => a.Action)
            .Select(g => new LabelCount(g.Key, g.Count()))
            .ToListAsync(ct);

        return DashboardCalculator.Build(hours, failovers, latency, accounts, served, movedOn, cooldowns, now);
    }

    // One pass over the window serves every percentile: a sort of the window for each took seconds on a million rows.
    private static async Task<List<ValueCount>> HistogramAsync(IQueryable<int> values, CancellationToken ct) =>
        [.. (await values.GroupBy(v => v).Select(g => new ValueCount(g.Key, g.Count())).ToListAsync(ct)).OrderBy(v => v.Value)];
}

/// <summary>How many requests had one value (a duration in milliseconds).</summary>
public sealed record ValueCount(int Value, int Count);

/// <summary>One hour of usage as the database sums it (failovers are counted apart).</summary>
public sealed record HourTotals(DateTime Hour, int Requests, int Errors, int AverageMs, int MaxMs);

/// <summary>How many requests of one hour matched.</summary>
public sealed record HourCount(DateTime Hour, int Count);

/// <summary>The requests an account gave the final answer to, and how many of them failed.</summary>
public sealed record AccountTraffic(long AccountId, int Requests, int Errors);

/// <summary>One hour of traffic; the latencies are zero for an hour without requests.</summary>
public sealed record TrafficPoint(DateTime Hour, int Requests, int Errors, double ErrorRatePercent, int Failovers, int AverageMs, int MaxMs);

/// <summary>Latency percentiles in milliseconds, null when there was no traffic.</summary>
public sealed record LatencySummary(int? P50, int? P90, int? P99, int? FirstTokenP50);

/// <summary>A count under a label (an audit action).</summary>
public sealed record LabelCount(string Label, int Count);

/// <summary>How many accounts are in one state.</summary>
public sealed record StateCount(AccountState State, int Count);

/// <summary>
/// One account at a glance: its state, why, and how its attempts of the last day went (the answers it gave and the
/// attempts a request moved on from to another try).
/// </summary>
public sealed record DashboardAccount(long Id, string Name, AccountState State, DateTime? CooldownUntil, string? Reason, int Requests, int Errors)
{
    public double? ErrorRatePercent => Requests == 0 ? null : Math.Round(100.0 * Errors / Requests, 1);
}

/// <summary>Everything the dashboard shows.</summary>
public sealed record DashboardSnapshot(
    DateTime Now,
    IReadOnlyList<TrafficPoint> Traffic,
    int Requests,
    int Errors,
    int Failovers,
    LatencySummary Latency,
    IReadOnlyList<LabelCount> CooldownEvents,
    IReadOnlyList<StateCount> AccountsByState,
    IReadOnlyList<DashboardAccount> Accounts)
{
    public double? ErrorRatePercent => Requests == 0 ? null : Math.Round(100.0 * Errors / Requests, 1);
}

/// <summary>Pure dashboard arithmetic: every hour of the window filled in, totals, account health worst first.</summary>
public static class DashboardCalculator
{
    public static DashboardSnapshot Build(
        IReadOnlyList<HourTotals> hours,
        IReadOnlyList<HourCount> failovers,
        LatencySummary latency,
        IReadOnlyList<Account> accounts,
        IReadOnlyList<AccountTraffic> served,
        IReadOnlyDictionary<long, AccountHealth> movedOn,
        IReadOnlyList<LabelCount> cooldowns,
        DateTime now)
    {
        var byHour = hours.ToDictionary(h => Hour(h.Hour));
        var failoversByHour = failovers.ToDictionary(f => Hour(f.Hour), f => f.Count);
        var traffic = Enumerable.Range(1 - DashboardService.Hours, DashboardService.Hours)
            .Select(offset => Hour(now).AddHours(offset))
            .Select(hour => byHour.GetValueOrDefault(hour) is { } h
                ? new TrafficPoint(hour, h.Requests, h.Errors, Math.Round(100.0 * h.Errors / h.Requests, 1), failoversByHour.GetValueOrDefault(hour), h.AverageMs, h.MaxMs)
                : new TrafficPoint(hour, 0, 0, 0, failoversByHour.GetValueOrDefault(hour), 0, 0))
            .ToList();

        var trafficByAccount = served.ToDictionary(s => s.AccountId);
        var health = accounts
            .Select(a =>
            {
                var state = AccountRow.StateOf(a, now);
                var reason = state switch
                {
                    AccountState.CoolingDown => a.CooldownReason,
                    AccountState.Error => a.ErrorMessage,
                    _ => null,
                };
                var used = trafficByAccount.GetValueOrDefault(a.Id);
                var earlier = movedOn.GetValueOrDefault(a.Id, AccountHealth.None);
                return new DashboardAccount(
                    a.Id, a.Name, state, state == AccountState.CoolingDown ? a.CooldownUntil : null, reason,
                    (used?.Requests ?? 0) + earlier.Attempts, (used?.Errors ?? 0) + earlier.Failures);
            })
            .OrderBy(h => Severity(h.State))
            .ThenByDescending(h => h.ErrorRatePercent ?? 0)
            .ThenBy(h => h.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        return new DashboardSnapshot(
            now,
            traffic,
            traffic.Sum(t => t.Requests),
            traffic.Sum(t => t.Errors),
            traffic.Sum(t => t.Failovers),
            latency,
            [.. cooldowns.OrderBy(c => c.Label, StringComparer.Ordinal)],
            [.. Enum.GetValues<AccountState>().Select(s => new StateCount(s, health.Count(h => h.State == s)))],
            health);
    }

    /// <summary>The 1-based position of the nearest-rank percentile among <paramref name="count"/> sorted values; null for none.</summary>
    public static int? Rank(int count, int percent) =>
        count == 0 ? null : Math.Clamp((int)Math.Ceiling(percent / 100.0 * count), 1, count);

    /// <summary>The nearest-rank percentile of the values a histogram (ascending by value) counts; null when it counts none.</summary>
    public static int? Percentile(IReadOnlyList<ValueCount> histogram, int percent)
    {
        if (Rank(histogram.Sum(v => v.Count), percent) is not { } rank)
        {
            return null;
        }

        var below = 0;
        foreach (var bucket in histogram)
        {
            below += bucket.Count;
            if (below >= rank)
            {
                return bucket.Value;
            }
        }

        throw new System.Diagnostics.UnreachableException("The rank is at most the histogram's count.");
    }

    /// <summary>The start of <paramref name="time"/>'s hour, UTC.</summary>
    public static DateTime Hour(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc);

    // Accounts that cannot serve come first: an operator looks for them.
    private static int Severity(AccountState state) => state switch
    {
        AccountState.Error => 0,
        AccountState.CoolingDown => 1,
        AccountState.Active => 2,
        _ => 3,
    };
}
