using Gateway.Core.Accounts;
using Gateway.Core.Persistence;
using Gateway.Web.Console.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Web.Console;

/// <summary>Reads the last day of usage logs, the accounts and the audit trail, and hands them to <see cref="DashboardCalculator"/>.</summary>
public sealed class DashboardService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task<DashboardSnapshot> LoadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = now - Window;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await db.UsageLogs.AsNoTracking().Where(u => u.CreatedAt >= from)
            .Select(u => new RequestSample(u.CreatedAt, u.Status, u.DurationMs, u.FirstTokenMs, u.Attempts)).ToListAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(ct);
        var cooldowns = await db.AuditEntries.AsNoTracking().Where(a => a.CreatedAt >= from && a.Action.StartsWith("cooldown"))
            .Select(a => new AuditSample(a.CreatedAt, a.Action)).ToListAsync(ct);
        return DashboardCalculator.Build(requests, [.. accounts.Select(a => AccountRow.StateOf(a, now))], cooldowns, now, Window);
    }
}

/// <summary>The parts of a usage log the dashboard needs.</summary>
public sealed record RequestSample(DateTime CreatedAt, int Status, int DurationMs, int? FirstTokenMs, int Attempts);

/// <summary>A cooldown-related audit entry.</summary>
public sealed record AuditSample(DateTime CreatedAt, string Action);

/// <summary>One hour of traffic; latency percentiles are zero for an hour without requests.</summary>
public sealed record TrafficPoint(DateTime Hour, int Requests, int Errors, double ErrorRatePercent, int Failovers, int LatencyP50, int LatencyP90, int LatencyP99);

/// <summary>Latency percentiles in milliseconds, null when there was no traffic.</summary>
public sealed record LatencySummary(int? P50, int? P90, int? P99, int? FirstTokenP50);

/// <summary>A count under a label (audit action, or a state's display name).</summary>
public sealed record LabelCount(string Label, int Count);

/// <summary>How many accounts are in one state.</summary>
public sealed record StateCount(AccountState State, int Count);

/// <summary>Everything the dashboard shows.</summary>
public sealed record DashboardSnapshot(
    IReadOnlyList<TrafficPoint> Traffic,
    int Requests,
    int Errors,
    int Failovers,
    LatencySummary Latency,
    IReadOnlyList<LabelCount> CooldownEvents,
    IReadOnlyList<StateCount> AccountsByState);

/// <summary>Pure dashboard arithmetic: hourly buckets, error rate, nearest-rank percentiles, counts.</summary>
public static class DashboardCalculator
{
    public static DashboardSnapshot Build(IReadOnlyList<RequestSample> requests, IReadOnlyList<AccountState> accounts, IReadOnlyList<AuditSample> cooldowns, DateTime now, TimeSpan window)
    {
        var firstHour = Hour(now - window).AddHours(1);
        var byHour = requests.GroupBy(r => Hour(r.CreatedAt)).ToDictionary(g => g.Key, g => g.ToList());
        var traffic = new List<TrafficPoint>();
        for (var hour = firstHour; hour <= Hour(now); hour = hour.AddHours(1))
        {
            var samples = byHour.GetValueOrDefault(hour) ?? [];
            var errors = samples.Count(IsError);
            var latencies = samples.Select(r => r.DurationMs).Order().ToList();
            traffic.Add(new TrafficPoint(
                hour,
                samples.Count,
                errors,
                samples.Count == 0 ? 0 : Math.Round(100.0 * errors / samples.Count, 1),
                samples.Count(r => r.Attempts > 1),
                Percentile(latencies, 50) ?? 0,
                Percentile(latencies, 90) ?? 0,
                Percentile(latencies, 99) ?? 0));
        }

        var durations = requests.Select(r => r.DurationMs).Order().ToList();
        var firstTokens = requests.Where(r => r.FirstTokenMs is not null).Select(r => r.FirstTokenMs!.Value).Order().ToList();
        return new DashboardSnapshot(
            traffic,
            requests.Count,
            requests.Count(IsError),
            requests.Count(r => r.Attempts > 1),
            new LatencySummary(Percentile(durations, 50), Percentile(durations, 90), Percentile(durations, 99), Percentile(firstTokens, 50)),
            [.. cooldowns.GroupBy(c => c.Action).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new LabelCount(g.Key, g.Count()))],
            [.. Enum.GetValues<AccountState>().Select(s => new StateCount(s, accounts.Count(a => a == s)))]);
    }

    /// <summary>Nearest-rank percentile of sorted values; null for none.</summary>
    public static int? Percentile(IReadOnlyList<int> sorted, int percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static bool IsError(RequestSample r) => r.Status >= 400 || r.Status == 0;

    private static DateTime Hour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);
}
