namespace Gateway.Core.Accounts;

/// <summary>A client credential; only its SHA-256 hash and a short visible prefix are stored.</summary>
public sealed class ApiKey : ILastUseStamped
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public long GroupId { get; set; }

    public Group? Group { get; set; }

    /// <summary>Lower-case hex SHA-256 of the full key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The first characters of the key, shown so admins can recognise it.</summary>
    public required string Prefix { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime? ExpiresAt { get; set; }

    /// <summary>Optional cap on this key's concurrent requests.</summary>
    public int? ConcurrencyLimit { get; set; }

    /// <summary>Optional cap on this key's requests per minute.</summary>
    public int? RequestsPerMinute { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
