namespace Gateway.Core.Accounts;

/// <summary>A set of accounts that API keys are bound to.</summary>
public sealed class Group
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Account> Accounts { get; set; } = [];

    public List<ApiKey> ApiKeys { get; set; } = [];
}
