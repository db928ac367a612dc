namespace Gateway.Web.Console.Jobs;

/// <summary>The console's jobs page without Blazor: the jobs, trigger-now, and which words and links each job shows.</summary>
public sealed class JobsSummaryModel(JobsOverviewService jobs)
{
    public IReadOnlyList<JobOverview> Jobs { get; private set; } = [];

    public async Task LoadAsync(CancellationToken ct) => Jobs = await jobs.ListAsync(ct);

    /// <summary>Queues a run of <paramref name="name"/> now, then reloads; false for an unknown job.</summary>
    public async Task<bool> TriggerAsync(string name, string actor, CancellationToken ct)
    {
        var queued = await jobs.TriggerAsync(name, actor, ct) is not null;
        await LoadAsync(ct);
        return queued;
    }

    /// <summary>The <see cref="Resources.JobsPage"/> key naming the last run's outcome.</summary>
    public static string OutcomeKey(string? outcome) => outcome switch
    {
        null => nameof(Resources.JobsPage.NeverRun),
        JobRunRecord.Running => nameof(Resources.JobsPage.Running),
        JobRunRecord.Succeeded => nameof(Resources.JobsPage.Succeeded),
        _ => nameof(Resources.JobsPage.Failed),
    };

    /// <summary>The <see cref="Resources.JobsPage"/> key saying what the job does; null for a job the console does not know.</summary>
    public static string? AboutKey(string name) => name switch
    {
        JobNames.CapabilityProbe => nameof(Resources.JobsPage.AboutCapabilityProbe),
        JobNames.CooldownExpiry => nameof(Resources.JobsPage.AboutCooldownExpiry),
        JobNames.UsageRetention => nameof(Resources.JobsPage.AboutUsageRetention),
        JobNames.ResponseStoreRetention => nameof(Resources.JobsPage.AboutResponseStoreRetention),
        _ => null,
    };

    /// <summary>The dashboard page of the job's last run; null when it never ran.</summary>
    public static string? LastRunLink(JobOverview job) => job.LastJobId is { } id ? ConsoleRoutes.HangfireJob(id) : null;
}
