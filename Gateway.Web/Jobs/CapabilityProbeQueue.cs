namespace Gateway.Web.Jobs;

/// <summary>
/// Queues capability probes as persistent fire-and-forget jobs: on account create, on a connection change
/// (base URL, key, platform) and on demand. Queueing from an account change runs in the background so the
/// admin's save never waits for, or fails because of, the job storage.
/// </summary>
public sealed partial class CapabilityProbeQueue(
    IBackgroundJobClient jobs,
    IDbContextFactory<GatewayDbContext> dbFactory,
    TimeProvider time,
    ILogger<CapabilityProbeQueue> logger) : IAccountChangeListener
{
    /// <summary>
    /// Queues a probe an admin asked for (the console's re-probe, <c>POST /api/admin/accounts/{id}/probe</c>) and audits
    /// it; returns the job's id, or null when the account does not exist.
    /// </summary>
    public async Task<string?> RequestAsync(long accountId, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        var jobId = await QueueAsync(accountId, $"Requested by {actor}", ct);
        db.AuditEntries.Add(new AuditEntry
        {
            CreatedAt = time.GetUtcNow().UtcDateTime, AccountId = accountId, Action = AuditActions.AccountProbeRequested, Detail = name, Actor = actor,
        });
        await db.SaveChangesAsync(ct);
        return jobId;
    }

    /// <summary>Why a change needs a new probe, or null when it does not (SPEC 5.1).</summary>
    public static string? ProbeReason(AccountChangeKind kind) => kind switch
    {
        AccountChangeKind.Created => "Account created",
        AccountChangeKind.ConnectionChanged => "Base URL, key or platform changed",
        _ => null,
    };

    public void OnAccountChanged(AccountChange change)
    {
        if (ProbeReason(change.Kind) is not { } reason)
        {
            return;
        }

        _ = QueueQuietlyAsync(change.AccountId, reason);
    }

    private async Task QueueQuietlyAsync(long accountId, string reason)
    {
        try
        {
            await QueueAsync(accountId, reason, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Never the admin's problem: the probe can be queued again on demand.
            LogQueueFailed(ex, accountId);
        }
    }

    // Hangfire's client writes synchronously, so the write runs off the caller's thread (a request, a circuit).
    private Task<string> QueueAsync(long accountId, string reason, CancellationToken ct) =>
        Task.Run(() => jobs.Enqueue<CapabilityProbeJob>(j => j.ProbeAccountAsync(accountId, reason, CancellationToken.None)), ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue a capability probe for account {AccountId}")]
    private partial void LogQueueFailed(Exception exception, long accountId);
}
