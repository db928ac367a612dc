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
    public async Task<ResponseOwner?> FindAsync(long keyId, string responseId, CancellationToken ct) =>
        (await LookupAsync(keyId, responseId, ct)).Owner;

    /// <summary>
    /// The account that made <paramref name="responseId"/> for <paramref name="keyId"/> (null when this key got no such
    /// response), and whether the usage log names it as a response another key received: one read of its rows answers both.
    /// </summary>
    public async Task<(ResponseOwner? Owner, bool AnotherKeys)> LookupAsync(long keyId, string responseId, CancellationToken ct)
    {
        if (_recent.TryGet((keyId, responseId), out var recent))
        {
            return (recent, false);
        }

        // A response id is on the row of the request that made it: a handful of rows at most.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.UsageLogs.AsNoTracking()
            .Where(u => u.ResponseId == responseId)
            .OrderByDescending(u => u.Id)
            .Select(u => new { u.KeyId, u.AccountId, u.UpstreamProtocol, u.Model, u.UpstreamModel })
            .ToListAsync(ct);
        var made = rows.Find(u => u.KeyId == keyId && u.AccountId is not null && u.UpstreamProtocol == ApiProtocol.Responses);
        return (made is null ? null : new ResponseOwner(made.AccountId!.Value, made.Model, made.UpstreamModel), rows.Exists(u => u.KeyId != keyId));
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
}

/// <param name="Model">The model the client asked for.</param>
/// <param name="UpstreamModel">The model the account was sent, when its mapping named another.</param>
public sealed record ResponseOwner(long AccountId, string Model, string? UpstreamModel);
