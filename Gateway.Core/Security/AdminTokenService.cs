namespace Gateway.Core.Security;

/// <summary>A newly created admin token with its secret, shown this once only.</summary>
public sealed record CreatedAdminToken(AdminToken Token, string Secret);

/// <summary>
/// Issues, checks and revokes admin API tokens, which may expire; the bootstrap token comes from configuration. Each
/// token issued or revoked is saved with its audit entry, which names it by name and visible prefix, never by its secret.
/// </summary>
public sealed class AdminTokenService(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    public const string TokenPrefix = "gwa-";

    /// <summary>The longest token name: a longer one is refused rather than cut to its column.</summary>
    public const int MaxNameLength = 200;

    public async Task<List<AdminToken>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AdminTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <param name="createdBy">The admin creating it, who is also the audit entry's actor.</param>
    /// <param name="expiresAt">When the token stops working (UTC); null for never.</param>
    public async Task<CreatedAdminToken> CreateAsync(string name, string createdBy, DateTime? expiresAt, CancellationToken ct)
    {
        var secret = KeyHasher.NewKey(TokenPrefix);
        var token = new AdminToken
        {
            Name = name.Trim(),
            TokenHash = KeyHasher.Hash(secret),
            Prefix = KeyHasher.VisiblePrefix(secret),
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AdminTokens.Add(token);
        db.AuditEntries.Add(Audit(AuditActions.AdminTokenCreated, token, createdBy));
        await db.SaveChangesAsync(ct);
        return new CreatedAdminToken(token, secret);
    }

    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DeleteAsync<AdminToken>(id, token => Audit(AuditActions.AdminTokenDeleted, token, actor), ct) is not null;
    }

    /// <summary>
    /// Deletes the tokens <paramref name="createdBy"/> created: a token acts as an admin, so it lasts only as long as
    /// its creator is one. <paramref name="actor"/> is the admin who deleted the creator or took its rights.
    /// </summary>
    public async Task DeleteCreatedByAsync(string createdBy, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.AdminTokens.Where(t => t.CreatedBy == createdBy).ToListAsync(ct);
        db.AdminTokens.RemoveRange(tokens);
        db.AuditEntries.AddRange(tokens.Select(t => Audit(AuditActions.AdminTokenDeleted, t, actor)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Finds the unexpired stored token a presented secret belongs to, and notes its use.</summary>
    public async Task<AdminToken?> ValidateAsync(string presented, CancellationToken ct)
    {
        var hash = KeyHasher.Hash(presented);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.AdminTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.ExpiresAt <= now)
        {
            return null;
        }

        token.LastUsedAt = now;
        await db.SaveChangesAsync(ct);
        return token;
    }

    private AuditEntry Audit(string action, AdminToken token, string actor) =>
        new() { CreatedAt = time.GetUtcNow().UtcDateTime, Action = action, Detail = AuditEntry.SecretDetail(token.Name, token.Prefix), Actor = actor };
}
