namespace Gateway.Core.Accounts;

/// <summary>The upstream protocol that last succeeded for (account, model), until it expires (SPEC 5.2).</summary>
public sealed class EndpointCacheEntry
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public required string Model { get; set; }

    public ApiProtocol Protocol { get; set; }

    public DateTime ExpiresAt { get; set; }
}
