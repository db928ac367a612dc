namespace Gateway.Core.Security;

/// <summary>A bearer token for the admin REST API, stored as a SHA-256 hash with a visible prefix.</summary>
public sealed class AdminToken
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public required string Prefix { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>When the token stops working; null for never.</summary>
    public DateTime? ExpiresAt { get; set; }
}
