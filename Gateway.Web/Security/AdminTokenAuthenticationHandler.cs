namespace Gateway.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer</c> admin tokens: the configured bootstrap token or a stored one.</summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    AdminTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header["Bearer ".Length..].Trim();
        if (presented.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        // Read on every request, so a reload takes effect at once: a reloaded token too short to be safe is no token.
        var bootstrap = configuration["Admin:BootstrapToken"];
        if (bootstrap is { Length: >= SecurityHostingExtensions.MinBootstrapTokenLength } && KeyHasher.FixedTimeEquals(presented, bootstrap))
        {
            return Success("bootstrap-token");
        }

        var stored = await tokens.ValidateAsync(presented, Context.RequestAborted);
        return stored is null ? AuthenticateResult.Fail("Unknown admin token.") : Success($"admin-token:{stored.Name}");
    }

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, AdminRoles.Admin)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
