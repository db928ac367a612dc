namespace Gateway.Web.Security;

/// <summary>
/// What guards the first-run setup page of this process: a one-time setup token (<c>Admin:SetupToken</c>, or a random one
/// printed to the log at start-up), which proves the person at the page is the one who runs the gateway and not whoever
/// reaches it first, and the lock that lets only one setup run at a time.
/// </summary>
internal sealed class FirstRunSetup(IConfiguration configuration)
{
    private readonly string _token = configuration["Admin:SetupToken"] is { Length: > 0 } configured ? configured : KeyHasher.NewKey("setup-");

    /// <summary>The token to print; null when it came from configuration (the operator has it already).</summary>
    public string? TokenToAnnounce => string.IsNullOrEmpty(configuration["Admin:SetupToken"]) ? _token : null;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    public bool Matches(string? presented) => !string.IsNullOrEmpty(presented) && KeyHasher.FixedTimeEquals(presented.Trim(), _token);
}
