namespace Gateway.Core.Accounts;

/// <summary>An (account, concrete upstream model) pair taken out of scheduling until a time (SPEC 4.4).</summary>
public sealed class ModelSuspension
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public required string UpstreamModel { get; set; }

    public DateTime Until { get; set; }

    public required string Reason { get; set; }
}
