namespace Gateway.Web.Jobs;

/// <summary>
/// The latest run of a job, kept in Hangfire's storage as one small hash per job: Hangfire expires finished
/// jobs after a day, and a daily job's last outcome must outlive that.
/// </summary>
internal sealed record JobRunRecord(string JobId, DateTime StartedAt, string Outcome, string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private const string JobIdField = "job_id";
    private const string StartedAtField = "started_at";
    private const string OutcomeField = "outcome";
    private const string ErrorField = "error";

    public static string Key(string job) => $"gateway:last-run:{job}";

    public IEnumerable<KeyValuePair<string, string>> ToHash() =>
    [
        new(JobIdField, JobId),
        new(StartedAtField, StartedAt.ToString("O", CultureInfo.InvariantCulture)),
        new(OutcomeField, Outcome),
        new(ErrorField, Error ?? ""),
    ];

    /// <summary>The record stored in <paramref name="hash"/>; null when the job has not run yet.</summary>
    public static JobRunRecord? FromHash(IReadOnlyDictionary<string, string>? hash) =>
        hash is not null
        && hash.TryGetValue(JobIdField, out var jobId)
        && hash.TryGetValue(StartedAtField, out var started)
        && hash.TryGetValue(OutcomeField, out var outcome)
            ? new JobRunRecord(
                jobId,
                DateTime.Parse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                outcome,
                hash.GetValueOrDefault(ErrorField) is { Length: > 0 } error ? error : null)
            : null;
}
