namespace Gateway.Core.Conversations;

/// <summary>
/// Which account made a response that an upstream speaking Responses answered, for the API key that received it: what
/// the calls about that response (<see cref="UpstreamResponseRelay"/>) and a turn continuing it need to reach the account
/// again, and what keeps every other key from reaching or continuing it. Read from the usage rows (<see cref="UsageLog.ResponseId"/>), so every instance
/// finds it for as long as the rows are kept; kept in memory too for the moments before the row is written.
/// </summary>
public sealed class ResponseOwners(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time)
{
    // Far longer than a usage row takes to be written; a row that never is (the database refusing it) is lost after this.
    private static readonly TimeSpan KeptInMemory = TimeSpan.FromMinutes(10);
    private const int MaxInMemory = 10_000;

    private readonly ExpiringTable<(long KeyId, string ResponseId), ResponseOwner> _recent = new(time);

    public void Remember(long keyId, string responseId, ResponseOwner owner) => _recent.Set((keyId, responseId), owner, KeptInMemory, MaxInMemory);

    /// <summary>The account that made <paramref name="responseId"/> for <paramref name="keyId"/>, or null when this key got no such response.</summary>
    public async Task<ResponseOwner?> FindAsync(long keyId, string responseId, CancellationToken ct)
    {
        if (_recent.TryGet((keyId, responseId), out var recent))
        {
            return recent;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.UsageLogs.AsNoTracking()
            .Where(u => u.ResponseId == responseId && u.KeyId == keyId && u.AccountId != null && u.UpstreamProtocol == ApiProtocol.Responses)
            .OrderByDescending(u => u.Id)
            .Select(u => new { u.AccountId, u.Model, u.UpstreamModel })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new ResponseOwner(row.AccountId!.Value, row.Model, row.UpstreamModel);
    }

    /// <summary>
    /// The tokens a background response spent after the request that created it was answered (queued, it reported none),
    /// as a later read of it names them: written on that request's usage row, once, while the row still counts none.
    /// </summary>
    public async Task RecordLaterUsageAsync(long keyId, string responseId, TokenUsage usage, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UsageLogs
            .Where(u => u.ResponseId == responseId && u.KeyId == keyId && u.InputTokens == 0 && u.OutputTokens == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.InputTokens, usage.Input).SetProperty(u => u.OutputTokens, usage.Output).SetProperty(u => u.CachedTokens, usage.Cached), ct);
    }

    /// <summary>Whether the usage log names <paramref name="responseId"/> as a response another key than <paramref name="keyId"/> received.</summary>
    public async Task<bool> MadeForAnotherKeyAsync(long keyId, string responseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UsageLogs.AnyAsync(u => u.ResponseId == responseId && u.KeyId != keyId, ct);
    }
}

/// <param name="Model">The model the client asked for.</param>
/// <param name="UpstreamModel">The model the account was sent, when its mapping named another.</param>
public sealed record ResponseOwner(long AccountId, string Model, string? UpstreamModel);
