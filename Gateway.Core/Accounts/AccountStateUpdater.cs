namespace Gateway.Core.Accounts;

/// <summary>
/// The single writer of account runtime state (cooldowns, strikes, error status, model suspensions, refreshed
/// tokens): it applies <see cref="CooldownRules"/> to the stored row, writes the database (the shared truth)
/// and updates the in-memory snapshot. Each write is one unit of work on a fresh context, redone by the
/// <see cref="ResiliencePipelineNames.StorageWrite"/> pipeline after a transient database error.
/// </summary>
public sealed partial class AccountStateUpdater(
    IDbContextFactory<GatewayDbContext> dbFactory,
    [FromKeyedServices(ResiliencePipelineNames.StorageWrite)] ResiliencePipeline storageWrites,
    AccountPool pool,
    SecretProtector protector,
    TimeProvider time,
    IOptionsMonitor<GatewayOptions> options,
    GatewayMetrics metrics,
    ILogger<AccountStateUpdater> logger)
{
    /// <summary>Applies what an attempt that left <paramref name="runtime"/> does to it. Never throws.</summary>
    public async Task ApplyFailureAsync(AccountRuntime runtime, AttemptDecision decision, FailureClass failure, TimeSpan? retryAfter, string upstreamModel)
    {
        await runtime.StateLock.WaitAsync();
        try
        {
            var change = await storageWrites.ExecuteAsync(async ct => await WriteFailureAsync(runtime, failure, decision, retryAfter, upstreamModel, ct));
            if (change is null)
            {
                return;
            }

            await pool.ReloadAsync(runtime, CancellationToken.None);
            if (change.CooldownReason is not null)
            {
                metrics.CooldownStarted(failure.ToWire());
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogWriteFailed(logger, runtime.Id, ex);
        }
        finally
        {
            runtime.StateLock.Release();
        }
    }

    /// <summary>A success resets the 403 strikes (SPEC 4.2); writes only when there are strikes to clear.</summary>
    public async Task RecordSuccessAsync(AccountRuntime runtime)
    {
        if (CooldownRules.ForSuccess(runtime.Account) is null)
        {
            return;
        }

        await runtime.StateLock.WaitAsync();
        try
        {
            await storageWrites.ExecuteAsync(async ct =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.Accounts.Where(a => a.Id == runtime.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.ForbiddenStrikes, 0).SetProperty(a => a.ForbiddenWindowStart, (DateTime?)null), ct);
            });
            await pool.ReloadAsync(runtime, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogWriteFailed(logger, runtime.Id, ex);
        }
        finally
        {
            runtime.StateLock.Release();
        }
    }

    /// <summary>
    /// Stores when accounts were last used (batched by the usage writer), so other instances order by least recently
    /// used too; a later stamp never goes backwards.
    /// </summary>
    public async Task RecordLastUsedAsync(IEnumerable<(long AccountId, DateTime At)> lastUses)
    {
        try
        {
            await LastUseStamps.WriteAsync<Account>(dbFactory, storageWrites, lastUses);
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogLastUseFailed(logger, ex);
        }
    }

    /// <summary>Stores refreshed OAuth tokens, encrypted, and uses them at once (in memory even if the write fails).</summary>
    public async Task StoreSecretAsync(AccountRuntime runtime, AccountSecret secret)
    {
        await runtime.StateLock.WaitAsync();
        try
        {
            runtime.SetSecret(secret);
            var protectedSecret = protector.Protect(secret);
            await storageWrites.ExecuteAsync(async ct =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.Accounts.Where(a => a.Id == runtime.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.ProtectedSecret, protectedSecret).SetProperty(a => a.UpdatedAt, time.GetUtcNow().UtcDateTime), ct);
            });
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogWriteFailed(logger, runtime.Id, ex);
        }
        finally
        {
            pool.MarkWritten(runtime);
            runtime.StateLock.Release();
        }
    }

    /// <summary>One try of a failure's write: reads the row, applies the rules, saves; null when nothing changed.</summary>
    private async Task<AccountStateChange?> WriteFailureAsync(AccountRuntime runtime, FailureClass failure, AttemptDecision decision, TimeSpan? retryAfter, string upstreamModel, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == runtime.Id, ct);
        if (account is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var change = CooldownRules.For(decision, failure, account, retryAfter, now, options.CurrentValue);
        if (change.IsNone)
        {
            return null;
        }

        Apply(account, change, now);
        if (change.SuspendModelUntil is { } until)
        {
            await SuspendAsync(db, runtime, upstreamModel, until, now, ct);
        }

        if (change.ErrorMessage is not null)
        {
            db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = account.Id, Action = AuditActions.AccountError, Detail = change.ErrorMessage, Actor = "gateway" });
        }
        else if (change.CooldownUntil is { } cooldownUntil)
        {
            // Operators (and the dashboard) see when and why an account left scheduling, not only when it came back.
            db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = account.Id, Action = AuditActions.CooldownStarted, Detail = $"{change.CooldownReason} until {cooldownUntil:O}", Actor = "gateway" });
        }

        await db.SaveChangesAsync(ct);
        return change;
    }

    private static void Apply(Account account, AccountStateChange change, DateTime now)
    {
        if (change.CooldownUntil is { } until)
        {
            account.CooldownUntil = until;
            account.CooldownReason = change.CooldownReason;
        }

        if (change.ForbiddenStrikes is { } strikes)
        {
            account.ForbiddenStrikes = strikes;
            account.ForbiddenWindowStart = strikes == 0 ? null : change.ForbiddenWindowStart ?? account.ForbiddenWindowStart;
        }

        if (change.ErrorMessage is not null)
        {
            account.Status = AccountStatus.Error;
            account.ErrorMessage = change.ErrorMessage;
        }

        account.UpdatedAt = now;
    }

    /// <summary>
    /// Suspends (account, upstream model) (SPEC 4.4), but only for a model the account could serve and within
    /// <see cref="GatewayOptions.MaxModelSuspensionsPerAccount"/>: model names come from clients, and each suspension is a
    /// row every instance reads, so a client inventing names must not grow them without bound. Without a suspension the
    /// request still fails over.
    /// </summary>
    private async Task SuspendAsync(GatewayDbContext db, AccountRuntime runtime, string upstreamModel, DateTime until, DateTime now, CancellationToken ct)
    {
        var existing = await db.ModelSuspensions.FirstOrDefaultAsync(s => s.AccountId == runtime.Id && s.UpstreamModel == upstreamModel, ct);
        if (existing is null && !ModelSuspensionLimits.CouldServe(runtime.Account, upstreamModel, options.CurrentValue))
        {
            LogSuspensionSkipped(logger, runtime.Id);
            return;
        }

        if (existing is null && await db.ModelSuspensions.CountAsync(s => s.AccountId == runtime.Id && s.Until > now, ct) >= options.CurrentValue.MaxModelSuspensionsPerAccount)
        {
            LogSuspensionSkipped(logger, runtime.Id);
            return;
        }

        if (existing is null)
        {
            db.ModelSuspensions.Add(new ModelSuspension { AccountId = runtime.Id, UpstreamModel = upstreamModel, Until = until, Reason = AccountReason.ModelNotSupported.Text });
        }
        else
        {
            existing.Until = until;
            existing.Reason = AccountReason.ModelNotSupported.Text;
        }

        runtime.SetSuspensions(runtime.Suspensions.SetItem(upstreamModel, until));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: a model-support error left no suspension (a model the account does not serve, or its suspension limit reached)")]
    private static partial void LogSuspensionSkipped(ILogger logger, long accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the last use of accounts failed")]
    private static partial void LogLastUseFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the state of account {AccountId} failed")]
    private static partial void LogWriteFailed(ILogger logger, long accountId, Exception ex);
}
