namespace Gateway.Soak;

/// <summary>
/// How an account is set up: its platform, endpoint mode, whether it is passthrough or in pool mode, and its priority.
/// Faulty accounts come first (lower wins), so nearly every request meets a fault-injecting upstream before the healthy
/// one behind them.
/// </summary>
internal sealed record AccountRole(string EndpointMode, bool Passthrough, int Priority = 10, string Platform = "openai-compatible", bool PoolMode = false)
{
    /// <summary>The healthy account mirrors the client's protocol and is tried last.</summary>
    public static readonly AccountRole Healthy = new("both", false, Priority: 50);

    /// <summary>
    /// The roles faulty accounts take in turn, so every fault meets every conversion (Responses and Messages clients on a
    /// Chat account, Chat and Messages clients on a Responses one, Chat and Responses clients on an anthropic one),
    /// same-protocol forwarding, passthrough, and pool mode's retries on the same account (SPEC 4.1).
    /// </summary>
    public static readonly AccountRole[] Faulty =
        [new("chat", false), new("both", false), new("responses", false), new("both", true), new("both", false, Platform: "anthropic"), new("both", false, PoolMode: true)];

    public override string ToString() => Platform == "anthropic" ? "anthropic" : Passthrough ? "passthrough" : PoolMode ? "pool mode" : EndpointMode;
}
