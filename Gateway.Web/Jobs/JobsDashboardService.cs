using Gateway.Core.Audit;
using Gateway.Core.Jobs;
using Gateway.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>
/// The ops view of the background jobs, for the admin API and the console's jobs page: each job with its
/// triggers, next and last run, last outcome and error, run history; trigger now, pause and resume.
/// </summary>
public sealed class JobsDashboardService(ISchedulerFactory schedulers, IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    public const int DefaultRecentRuns = 10;

    public async Task<IReadOnlyList<JobOverview>> ListAsync(int recentRuns, CancellationToken ct)
    {
        var jobs = new List<JobOverview>(JobNames.All.Count);
        foreach (var name in JobNames.All)
        {
            jobs.Add(await DescribeAsync(name, recentRuns, ct));
        }

        return jobs;
    }

    /// <summary>One job; null for an unknown name.</summary>
    public async Task<JobOverview?> GetAsync(string name, int recentRuns, CancellationToken ct) =>
        JobNames.IsKnown(name) ? await DescribeAsync(name, recentRuns, ct) : null;

    /// <summary>A page of a job's run history, newest first; null for an unknown name.</summary>
    public async Task<IReadOnlyList<JobRunView>?> RunsAsync(string name, int skip, int take, CancellationToken ct)
    {
        if (!JobNames.IsKnown(name))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RunsQuery(db, name).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    /// <summary>Queues a run now (it waits while the job is paused); false for an unknown name.</summary>
    public async Task<bool> TriggerAsync(string name, string actor, CancellationToken ct)
    {
        if (!JobNames.IsKnown(name))
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .ForJob(name)
            .WithIdentity($"manual-{Guid.NewGuid():N}", name)
            .WithDescription($"Run now, requested by {actor}")
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, default, ct);
        await AuditAsync("job_triggered", name, actor, ct);
        return true;
    }

    /// <summary>Pauses every trigger of the job, present and future; false for an unknown name.</summary>
    public async Task<bool> PauseAsync(string name, string actor, CancellationToken ct)
    {
        if (!JobNames.IsKnown(name))
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.PauseTriggerGroupsWith(GroupMatcher<TriggerKey>.GroupEquals(name), new PauseDetails { Reason = "Paused by an admin", RequestedBy = actor }, ct);
        await AuditAsync("job_paused", name, actor, ct);
        return true;
    }

    public async Task<bool> ResumeAsync(string name, string actor, CancellationToken ct)
    {
        if (!JobNames.IsKnown(name))
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.ResumeTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals(name), ct);
        await AuditAsync("job_resumed", name, actor, ct);
        return true;
    }

    private async Task<JobOverview> DescribeAsync(string name, int recentRuns, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var headers = await scheduler.QueryTriggers(new TriggerQuery { Job = new JobKey(name), Take = PagedQuery.All }, ct);
        var details = await scheduler.GetTriggers([.. headers.Items.Select(h => h.Key)], ct);
        var schedules = details.ToDictionary(t => t.Key, Schedule);
        var triggers = headers.Items
            .OrderBy(h => h.NextFireTimeUtc ?? DateTimeOffset.MaxValue)
            .Select(h => new JobTriggerView(
                h.Key.Name,
                h.Description,
                h.State.ToString().ToLowerInvariant(),
                schedules.GetValueOrDefault(h.Key, "once"),
                Utc(h.NextFireTimeUtc),
                Utc(h.PreviousFireTimeUtc)))
            .ToList();
        var detail = await scheduler.GetJobDetail(new JobKey(name), ct);
        var pause = await scheduler.GetTriggerGroupPause(name, ct);
        var paused = pause is not null || headers.Items.Any(h => h.State == TriggerState.Paused);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await RunsQuery(db, name).Take(Math.Clamp(recentRuns, 1, 500)).ToListAsync(ct);
        var last = runs.FirstOrDefault();
        var next = paused ? null : triggers.Where(t => t.State != "paused").Min(t => t.NextRunAt);
        return new JobOverview(
            name,
            detail?.Description,
            next,
            last?.StartedAt,
            last?.Outcome,
            last?.Error,
            paused,
            pause?.RequestedBy,
            Utc(pause?.PausedAtUtc),
            triggers,
            runs);
    }

    private static IQueryable<JobRunView> RunsQuery(GatewayDbContext db, string name) =>
        db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == name)
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => new JobRunView(r.Id, r.TriggerName, r.StartedAt, r.DurationMs, r.Outcome, r.Error));

    private static string Schedule(ITrigger trigger) => trigger switch
    {
        ICronTrigger cron => $"cron {cron.CronExpressionString} ({cron.TimeZone.Id})",
        ISimpleTrigger { RepeatCount: not 0 } simple => $"every {simple.RepeatInterval}",
        _ => "once",
    };

    private static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;

    private async Task AuditAsync(string action, string job, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry { CreatedAt = time.GetUtcNow().UtcDateTime, Action = action, Detail = job, Actor = actor });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A job as the dashboard shows it; times are UTC.</summary>
public sealed record JobOverview(
    string Name,
    string? Description,
    DateTime? NextRunAt,
    DateTime? LastRunAt,
    string? LastOutcome,
    string? LastError,
    bool Paused,
    string? PausedBy,
    DateTime? PausedAt,
    IReadOnlyList<JobTriggerView> Triggers,
    IReadOnlyList<JobRunView> RecentRuns);

/// <summary>One trigger of a job: <see cref="State"/> is Quartz's trigger state in lower case.</summary>
public sealed record JobTriggerView(string Name, string? Description, string State, string Schedule, DateTime? NextRunAt, DateTime? PreviousRunAt);

/// <summary>One recorded run of a job.</summary>
public sealed record JobRunView(long Id, string? Trigger, DateTime StartedAt, int DurationMs, string Outcome, string? Error);
