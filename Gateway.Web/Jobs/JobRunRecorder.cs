using Gateway.Core.Jobs;
using Gateway.Core.Persistence;
using Gateway.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Quartz.Extensibility;

namespace Gateway.Web.Jobs;

/// <summary>Records every job run as a <see cref="JobRun"/> row and in <see cref="GatewayMetrics"/>.</summary>
internal sealed partial class JobRunRecorder(
    IDbContextFactory<GatewayDbContext> dbFactory,
    GatewayMetrics metrics,
    ILogger<JobRunRecorder> logger) : IJobListener
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private const int MaxErrorLength = 4000;

    public string Name => "job-run-recorder";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key.Name;
        var outcome = jobException is null ? Succeeded : Failed;
        metrics.JobRun(job, outcome);
        var run = new JobRun
        {
            JobName = job,
            TriggerName = context.Trigger.Key.Name,
            StartedAt = context.FireTimeUtc.UtcDateTime,
            DurationMs = (int)Math.Min(int.MaxValue, context.JobRunTime.TotalMilliseconds),
            Outcome = outcome,
            Error = jobException is null ? null : ErrorText(jobException),
        };
        try
        {
            // Not the scheduler's token: a run that finished during shutdown is still worth its record.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            LogRecordFailed(ex, job);
        }
    }

    // Quartz wraps the job's exception; the innermost one says what went wrong.
    private static string ErrorText(Exception exception)
    {
        var cause = exception.GetBaseException();
        var text = $"{cause.GetType().Name}: {cause.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a run of job {Job}")]
    private partial void LogRecordFailed(Exception exception, string job);
}
