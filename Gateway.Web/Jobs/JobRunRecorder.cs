using Hangfire.Server;

namespace Gateway.Web.Jobs;

/// <summary>
/// Records each run of a gateway job: its latest run in Hangfire's storage (<see cref="JobRunRecord"/>), a
/// <c>gateway.job_runs</c> count, and a warning when it failed. It is a filter of this host's job server, not
/// one of Hangfire's process-wide filters, so it counts and logs through this host's services.
/// </summary>
internal sealed partial class JobRunRecorder(GatewayMetrics metrics, TimeProvider time, ILogger<JobRunRecorder> logger) : IServerFilter
{
    /// <summary>After the concurrency lock (order -1): a run dropped because another holds it is not a run.</summary>
    public const int Order = 0;

    private const int MaxErrorLength = 4000;
    private const string StartedAtItem = "gateway:started-at";

    public void OnPerforming(PerformingContext context)
    {
        if (JobCatalog.NameOf(context.BackgroundJob.Job.Type) is not { } job)
        {
            return;
        }

        var started = time.GetUtcNow().UtcDateTime;
        context.Items[StartedAtItem] = started;
        Save(context.Connection, job, new JobRunRecord(context.BackgroundJob.Id, started, JobRunRecord.Running, null));
    }

    public void OnPerformed(PerformedContext context)
    {
        if (JobCatalog.NameOf(context.BackgroundJob.Job.Type) is not { } job
            || !context.Items.TryGetValue(StartedAtItem, out var value) || value is not DateTime started)
        {
            return;
        }

        var error = context.Exception is { } exception ? ErrorText(exception) : null;
        var outcome = error is null ? JobRunRecord.Succeeded : JobRunRecord.Failed;
        metrics.JobRun(job, outcome);
        if (context.Exception is { } failure)
        {
            LogRunFailed(failure, job, context.BackgroundJob.Id);
        }

        Save(context.Connection, job, new JobRunRecord(context.BackgroundJob.Id, started, outcome, error));
    }

    // Hangfire wraps the job's exception; the innermost one says what went wrong.
    private static string ErrorText(Exception exception)
    {
        var cause = exception.GetBaseException();
        var text = $"{cause.GetType().Name}: {cause.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private void Save(IStorageConnection connection, string job, JobRunRecord record)
    {
        try
        {
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(JobRunRecord.Key(job), record.ToHash());
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // The record is for the console; a storage hiccup must not fail the job itself.
            LogRecordFailed(ex, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {Job} ({JobId}) failed")]
    private partial void LogRunFailed(Exception exception, string job, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a run of background job {Job}")]
    private partial void LogRecordFailed(Exception exception, string job);
}
