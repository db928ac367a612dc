namespace Gateway.Core.Settings;

/// <summary>The feature flags an admin can change at run time (SPEC 2, 7.1).</summary>
public sealed record FeatureSettings
{
    public const string AutoEndpointKey = "auto_endpoint";

    /// <summary>Runtime protocol auto-detection for accounts in endpoint mode <c>auto</c> (SPEC 5.2).</summary>
    public bool AutoEndpoint { get; init; }
}
