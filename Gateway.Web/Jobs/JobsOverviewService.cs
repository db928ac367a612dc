using Hangfire.States;

namespace Gateway.Web.Jobs;

/// <summary>
/// The jobs summary that the admin API and the console's jobs page share: each job with its schedule and next
/// run (Hangfire's recurring-job entries) and its last run and outcome (<see cref="JobRunRecord"/>); trigger-now.
/// </summary>
public sealed class JobsOverviewService(
    JobStorage storage,
    IRecurringJobManagerV2 recurring,
    IBackgroundJobClient client,
    IOptions<GatewayOptions> options,
    IDbContextFactory<GatewayDbContext> dbFactory,
    TimeProvider time)
{
    public Task<IReadOnlyList<JobOverview>> ListAsync(CancellationToken ct) =>
        ReadAsync<IReadOnlyList<JobOverview>>(connection => [.. JobCatalog.All.Select(job => Describe(connection, job))], ct);

    /// <summary>One job; null for an unknown name.</summary>
    public Task<JobOverview?> GetAsync(string name, CancellationToken ct) =>
        JobCatalog.Find(name) is { } job
            ? ReadAsync<JobOverview?>(connection => Describe(connection, job), ct)
            : Task.FromResult<JobOverview?>(null);

    /// <summary>Queues a run now and audits it; returns the run's Hangfire job id, or null for an unknown name.</summary>
    public async Task<string?> TriggerAsync(string name, string actor, CancellationToken ct)
    {
        if (JobCatalog.Find(name) is not { } job)
        {
            return null;
        }

        // Through its recurring entry when it has one, so the dashboard lists the run as that job's latest; a job
        // whose entry is missing (its schedule has not been registered) still runs.
        var jobId = await Task.Run(
            () => (job.Cron(options.Value) is null ? null : recurring.TriggerJob(name))
                ?? client.Create(job.RunNow, new EnqueuedState { Reason = "Triggered from the gateway's admin API or console" }),
            ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry { CreatedAt = time.GetUtcNow().UtcDateTime, Action = AuditActions.JobTriggered, Detail = name, Actor = actor });
        await db.SaveChangesAsync(ct);
        return jobId;
    }

    // Hangfire's storage API is synchronous: reads run off the caller's thread (a request, a circuit).
    private Task<T> ReadAsync<T>(Func<IStorageConnection, T> read, CancellationToken ct) =>
        Task.Run(
            () =>
            {
                using var connection = storage.GetConnection();
                return read(connection);
            },
            ct);

    private static JobOverview Describe(IStorageConnection connection, JobDefinition job)
    {
        var entry = connection.GetRecurringJobs([job.Name]).SingleOrDefault(r => !r.Removed);
        var last = JobRunRecord.FromHash(connection.GetAllEntriesFromHash(JobRunRecord.Key(job.Name)));
        return new JobOverview(
            job.Name,
            job.Description,
            entry?.Cron,
            Utc(entry?.NextExecution),
            last?.StartedAt,
            last?.Outcome,
            last?.Error,
            last?.JobId);
    }

    private static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };
}

/// <summary>
/// A job as the admin API (<c>GET /api/admin/jobs</c>) and the console show it. Times are UTC; <see cref="Schedule"/>
/// is the cron expression of a registered recurring job; <see cref="LastJobId"/> is the Hangfire job of the last run.
/// </summary>
public sealed record JobOverview(
    string Name,
    string Description,
    string? Schedule,
    DateTime? NextRunAt,
    DateTime? LastRunAt,
    string? LastOutcome,
    string? LastError,
    string? LastJobId);
