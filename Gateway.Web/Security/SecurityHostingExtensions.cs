using Gateway.Core.Security;

namespace Gateway.Web.Security;

/// <summary>Security settings that depend on the host's environment.</summary>
internal static class SecurityHostingExtensions
{
    /// <summary>The shortest <c>Admin:BootstrapToken</c> accepted: a bearer token with every admin right must not be guessable.</summary>
    public const int MinBootstrapTokenLength = 32;

    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["Admin:BootstrapToken"] is { Length: > 0 and < MinBootstrapTokenLength })
        {
            throw new InvalidOperationException($"Admin:BootstrapToken must be at least {MinBootstrapTokenLength} characters long (or empty, for no bootstrap token).");
        }

        var development = builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<SecurityOptions>(o => o.AllowHttpLoopbackTokenUrl ??= development);
        return builder.ProtectKeyRing();
    }
}
