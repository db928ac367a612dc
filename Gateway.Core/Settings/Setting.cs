namespace Gateway.Core.Settings;

/// <summary>A stored feature flag or setting, keyed by its snake_case name.</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTime UpdatedAt { get; set; }
}
