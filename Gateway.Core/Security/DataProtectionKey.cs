namespace Gateway.Core.Security;

/// <summary>One XML element of the Data Protection key ring, stored so every instance shares it.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
