namespace Gateway.Core.Probes;

/// <summary>Probes one account (or all of them) and stores the verdict, its time and detail on the account.</summary>
public sealed partial class CapabilityProbeRunner(
    IDbContextFactory<GatewayDbContext> dbFactory,
    SecretProtector secrets,
    ICapabilityProbe probe,
    IAccountChangeNotifier changes,
    ILogger<CapabilityProbeRunner> logger)
{
    /// <summary>Probes the account; null when it no longer exists.</summary>
    public async Task<ProbeVerdict?> ProbeAccountAsync(long accountId, CancellationToken ct)
    {
        Account? account;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        }

        if (account is null)
        {
            LogAccountGone(accountId);
            return null;
        }

        var secret = account.ProtectedSecret is null ? new AccountSecret() : secrets.Unprotect(account.ProtectedSecret);
        var verdict = await probe.ProbeAsync(account, secret, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Only the probe columns: the account may have been edited or cooled down meanwhile.
            var updated = await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.ResponsesSupported, verdict.ResponsesSupported)
                    .SetProperty(a => a.ProbedAt, verdict.ProbedAt)
                    .SetProperty(a => a.ProbeDetail, verdict.Detail),
                ct);
            if (updated == 0)
            {
                LogAccountGone(accountId);
                return null;
            }
        }

        changes.AccountChanged(new AccountChange(accountId, AccountChangeKind.StateChanged));
        return verdict;
    }

    /// <summary>
    /// Probes every account one after the other and returns how many were probed. One account that cannot be
    /// probed (say, a secret the key ring no longer decrypts) does not stop the others; the run still fails
    /// afterwards, naming it.
    /// </summary>
    public async Task<int> ProbeAllAsync(CancellationToken ct)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        }

        var probed = 0;
        var failed = new List<long>();
        foreach (var id in ids)
        {
            try
            {
                if (await ProbeAccountAsync(id, ct) is not null)
                {
                    probed++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogProbeFailed(ex, id);
                failed.Add(id);
            }
        }

        return failed.Count == 0
            ? probed
            : throw new InvalidOperationException($"Could not probe account(s) {string.Join(", ", failed)}; {probed} other(s) probed.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capability probe of account {AccountId} failed")]
    private partial void LogProbeFailed(Exception exception, long accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Capability probe skipped: account {AccountId} no longer exists")]
    private partial void LogAccountGone(long accountId);
}
