namespace Gateway.Core.Accounts;

/// <summary>Creates, replaces, deletes and resets accounts for the console and the admin API.</summary>
public sealed class AccountAdminService(
    IDbContextFactory<GatewayDbContext> dbFactory,
    SecretProtector secrets,
    IAccountChangeNotifier changes,
    TimeProvider time,
    IOptionsMonitor<SecurityOptions> security)
{
    public async Task<List<Account>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Include(a => a.Groups).OrderBy(a => a.Id).ToListAsync(ct);
    }

    public async Task<Account?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Include(a => a.Groups).FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>Active model suspensions per account, for display.</summary>
    public async Task<ILookup<long, ModelSuspension>> SuspensionsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.ModelSuspensions.AsNoTracking().Where(s => s.Until > now).ToListAsync(ct);
        return rows.ToLookup(s => s.AccountId);
    }

    /// <summary>Creates an account; unknown group ids are reported as errors.</summary>
    public async Task<AdminResult<Account>> CreateAsync(AccountInput input, string actor, CancellationToken ct)
    {
        var errors = AccountInputValidator.Validate(input, isCreate: true);
        AddErrors(errors, TokenUrlForEnvironment(input));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await LoadGroupsAsync(db, input.GroupIds, errors, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Account>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account { Name = input.Name.Trim(), BaseUrl = input.BaseUrl.Trim(), CreatedAt = now };
        Apply(account, input, groups, now, keepsRefreshToken: false);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = account.Id, Action = AuditActions.AccountCreated, Detail = account.Name, Actor = actor });
        await db.SaveChangesAsync(ct);
        changes.AccountChanged(new AccountChange(account.Id, AccountChangeKind.Created));
        return AdminResult<Account>.Ok(account);
    }

    /// <summary>Replaces an account; omitted secrets are kept.</summary>
    public async Task<AdminResult<Account>> UpdateAsync(long id, AccountInput input, string actor, CancellationToken ct)
    {
        var errors = AccountInputValidator.Validate(input, isCreate: false);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.Include(a => a.Groups).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return AdminResult<Account>.NotFound();
        }

        AddErrors(errors, TokenUrlForEnvironment(input).Concat(AccountConnectionRules.SecretsRequiredAgain(account, input)));
        var groups = await LoadGroupsAsync(db, input.GroupIds, errors, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Account>.Invalid(errors);
        }

        var connectionChanged = account.BaseUrl != input.BaseUrl.Trim() || account.Platform != input.Platform || input.HasSecret;
        var keepsRefreshToken = AccountConnectionRules.KeepsRefreshToken(account, input);
        var now = time.GetUtcNow().UtcDateTime;
        account.Name = input.Name.Trim();
        account.BaseUrl = input.BaseUrl.Trim();
        Apply(account, input, groups, now, keepsRefreshToken);
        if (account.Status != AccountStatus.Error)
        {
            account.ErrorMessage = null;
        }

        db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = account.Id, Action = AuditActions.AccountUpdated, Detail = account.Name, Actor = actor });
        await db.SaveChangesAsync(ct);
        changes.AccountChanged(new AccountChange(account.Id, connectionChanged ? AccountChangeKind.ConnectionChanged : AccountChangeKind.Updated));
        return AdminResult<Account>.Ok(account);
    }

    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.DeleteAsync<Account>(id, a => new AuditEntry { CreatedAt = now, AccountId = id, Action = AuditActions.AccountDeleted, Detail = a.Name, Actor = actor }, ct) is null)
        {
            return false;
        }

        changes.AccountChanged(new AccountChange(id, AccountChangeKind.Deleted));
        return true;
    }

    /// <summary>Clears cooldown, suspensions, endpoint-independent strikes and error state (SPEC 7.1 clear-cooldown).</summary>
    public async Task<Account?> ClearCooldownAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.Include(a => a.Groups).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return null;
        }

        account.CooldownUntil = null;
        account.CooldownReason = null;
        ForgetStrikes(account);
        if (account.Status == AccountStatus.Error)
        {
            account.Status = AccountStatus.Active;
        }

        account.ErrorMessage = null;
        var now = time.GetUtcNow().UtcDateTime;
        account.UpdatedAt = now;
        await db.ModelSuspensions.Where(s => s.AccountId == id).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = id, Action = AuditActions.CooldownCleared, Actor = actor });
        await db.SaveChangesAsync(ct);
        changes.AccountChanged(new AccountChange(id, AccountChangeKind.StateChanged));
        return account;
    }

    /// <summary>Turns an account on or off.</summary>
    public async Task<Account?> SetEnabledAsync(long id, bool enabled, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.Include(a => a.Groups).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return null;
        }

        if (enabled && account.Status == AccountStatus.Error)
        {
            ForgetStrikes(account);
        }

        account.Status = enabled ? AccountStatus.Active : AccountStatus.Disabled;
        if (enabled)
        {
            account.ErrorMessage = null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        account.UpdatedAt = now;
        db.AuditEntries.Add(new AuditEntry { CreatedAt = now, AccountId = id, Action = enabled ? AuditActions.AccountEnabled : AuditActions.AccountDisabled, Detail = account.Name, Actor = actor });
        await db.SaveChangesAsync(ct);
        changes.AccountChanged(new AccountChange(id, AccountChangeKind.StateChanged));
        return account;
    }

    /// <param name="keepsRefreshToken">
    /// Whether a stored refresh token not entered again is kept: the access tokens it yields go to the base URL, so it is
    /// dropped when the connection moves (<see cref="AccountConnectionRules"/>).
    /// </param>
    private void Apply(Account account, AccountInput input, List<Group> groups, DateTime now, bool keepsRefreshToken)
    {
        account.Platform = input.Platform;
        account.Type = input.Type;
        // Only an oauth account keeps where and as whom it refreshes: a token URL kept by an apikey account was never
        // checked (https, the refresh token entered again) and would be taken as checked by a later change back to oauth.
        var oauth = input.Type == AccountType.OAuth;
        account.TokenUrl = oauth && !string.IsNullOrWhiteSpace(input.TokenUrl) ? input.TokenUrl.Trim() : null;
        account.OAuthClientId = oauth && !string.IsNullOrWhiteSpace(input.OAuthClientId) ? input.OAuthClientId.Trim() : null;
        account.Priority = input.Priority;
        account.Concurrency = input.Concurrency;
        account.ModelMapping = input.ModelMapping.ToDictionary(p => p.Key.Trim(), p => p.Value.Trim());
        account.PoolMode = input.PoolMode && input.Type == AccountType.ApiKey;
        account.PoolModeRetryCount = input.PoolModeRetryCount;
        account.PoolModeRetryStatusCodes = input.PoolModeRetryStatusCodes;
        account.Passthrough = input.Passthrough;
        account.EndpointMode = input.EndpointMode;
        if (account.Status == AccountStatus.Error && input.Status != AccountStatus.Error)
        {
            ForgetStrikes(account);
        }

        account.Status = input.Status;
        account.Schedulable = input.Schedulable;
        account.Groups = groups;
        account.UpdatedAt = now;
        if (input.HasSecret)
        {
            var existing = account.ProtectedSecret is null ? new AccountSecret() : secrets.Unprotect(account.ProtectedSecret);
            account.ProtectedSecret = secrets.Protect(input.Type == AccountType.ApiKey
                ? new AccountSecret { ApiKey = input.ApiKey ?? existing.ApiKey }
                : new AccountSecret { AccessToken = input.AccessToken ?? existing.AccessToken, RefreshToken = input.RefreshToken ?? (keepsRefreshToken ? existing.RefreshToken : null) });
        }
    }

    // An account an admin brings back from error counts its 403 strikes afresh: the strikes that sent it there would
    // otherwise still be in the window, and the next 403 would send it straight back.
    private static void ForgetStrikes(Account account)
    {
        account.ForbiddenStrikes = 0;
        account.ForbiddenWindowStart = null;
    }

    // Plain http to a loopback token endpoint only where the environment allows it (Development, by default).
    private IEnumerable<AccountInputError> TokenUrlForEnvironment(AccountInput input)
    {
        if (!string.IsNullOrWhiteSpace(input.TokenUrl)
            && AccountConnectionRules.IsAllowedTokenUrl(input.TokenUrl, allowHttpLoopback: true)
            && !AccountConnectionRules.IsAllowedTokenUrl(input.TokenUrl, security.CurrentValue.AllowHttpLoopbackTokenUrl == true))
        {
            yield return new("token_url", AccountInputRule.InvalidUrl, AccountInputValidator.TokenUrlMessage);
        }
    }

    private static void AddErrors(Dictionary<string, List<string>> errors, IEnumerable<AccountInputError> found)
    {
        foreach (var error in found)
        {
            errors.TryAdd(error.Field, []);
            errors[error.Field].Add(error.Message);
        }
    }

    private static async Task<List<Group>> LoadGroupsAsync(GatewayDbContext db, IReadOnlyList<long> ids, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var groups = await db.Groups.Where(g => distinct.Contains(g.Id)).ToListAsync(ct);
        var missing = distinct.Except(groups.Select(g => g.Id)).ToList();
        if (missing.Count > 0)
        {
            errors.TryAdd("group_ids", []);
            errors["group_ids"].Add($"Unknown group id(s): {string.Join(", ", missing)}.");
        }

        return groups;
    }
}
