namespace Gateway.Core.Jobs;

/// <summary>One execution of a background job, as the job listener recorded it.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public required string JobName { get; set; }

    public string? TriggerName { get; set; }

    public DateTime StartedAt { get; set; }

    public int DurationMs { get; set; }

    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public required string Outcome { get; set; }

    public string? Error { get; set; }
}
