namespace Gateway.Core.Accounts;

/// <summary>What an admin submits to create a client API key.</summary>
public sealed record ApiKeyInput(string? Name, long? GroupId, DateTime? ExpiresAt = null, int? ConcurrencyLimit = null, int? RequestsPerMinute = null);

/// <summary>A newly created key with its secret, which is shown this once only.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>Issues, lists and revokes client API keys.</summary>
public sealed class ApiKeyAdminService(IDbContextFactory<GatewayDbContext> dbFactory, IApiKeyChangeNotifier changes, TimeProvider time)
{
    /// <summary>Every gateway key starts with this, so leaked keys are easy to recognise.</summary>
    public const string KeyPrefix = "sk-gw-";

    public const int MaxNameLength = 200;

    public async Task<List<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Include(k => k.Group).OrderBy(k => k.Id).ToListAsync(ct);
    }

    public async Task<ApiKey?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
    }

    public async Task<AdminResult<CreatedApiKey>> CreateAsync(ApiKeyInput input, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, input, ct);
        if (errors.Count > 0)
        {
            return AdminResult<CreatedApiKey>.Invalid(errors);
        }

        var secret = KeyHasher.NewKey(KeyPrefix);
        var key = new ApiKey
        {
            Name = input.Name!.Trim(),
            GroupId = input.GroupId!.Value,
            KeyHash = KeyHasher.Hash(secret),
            Prefix = KeyHasher.VisiblePrefix(secret),
            ExpiresAt = input.ExpiresAt,
            ConcurrencyLimit = input.ConcurrencyLimit,
            RequestsPerMinute = input.RequestsPerMinute,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(Audit(AuditActions.KeyCreated, key, actor));
        await db.SaveChangesAsync(ct);
        return AdminResult<CreatedApiKey>.Ok(new CreatedApiKey(key, secret));
    }

    /// <summary>
    /// What creating a key from <paramref name="input"/> would refuse, without creating it: for an answer that names every
    /// bad field, those the request could not even read among them.
    /// </summary>
    public async Task<Dictionary<string, List<string>>> ValidateAsync(ApiKeyInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ValidateAsync(db, input, ct);
    }

    private static async Task<Dictionary<string, List<string>>> ValidateAsync(GatewayDbContext db, ApiKeyInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors["name"] = ["Name is required."];
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Name must be at most {MaxNameLength} characters."];
        }

        if (input.GroupId is not { } groupId)
        {
            errors["group_id"] = ["A group is required."];
        }
        else if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            errors["group_id"] = [$"Unknown group id {groupId}."];
        }

        if (input.ConcurrencyLimit is < 1)
        {
            errors["concurrency_limit"] = ["Concurrency limit must be at least 1."];
        }

        if (input.RequestsPerMinute is < 1)
        {
            errors["requests_per_minute"] = ["Requests per minute must be at least 1."];
        }

        return errors;
    }

    public async Task<ApiKey?> SetEnabledAsync(long id, bool enabled, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return null;
        }

        key.Enabled = enabled;
        db.AuditEntries.Add(Audit(enabled ? AuditActions.KeyEnabled : AuditActions.KeyDisabled, key, actor));
        await db.SaveChangesAsync(ct);
        changes.ApiKeyChanged(key.KeyHash);
        return key;
    }

    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DeleteAsync<ApiKey>(id, key => Audit(AuditActions.KeyDeleted, key, actor), ct) is not { } deleted)
        {
            return false;
        }

        changes.ApiKeyChanged(deleted.KeyHash);
        return true;
    }

    private AuditEntry Audit(string action, ApiKey key, string actor) =>
        new() { CreatedAt = time.GetUtcNow().UtcDateTime, Action = action, Detail = AuditEntry.SecretDetail(key.Name, key.Prefix), Actor = actor };
}

/// <summary>Told when a key is disabled or deleted, so cached authentications end at once.</summary>
public interface IApiKeyChangeNotifier
{
    void ApiKeyChanged(string keyHash);
}
