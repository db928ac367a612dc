using Microsoft.AspNetCore.HttpOverrides;

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
        var security = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        if (security.ForwardedHeaders)
        {
            // The addresses were checked at start-up with the other settings (SecurityOptions.Validate).
            builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, options) =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                foreach (var proxy in options.Value.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
                }

                foreach (var network in options.Value.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
                }
            });
        }

        return builder.ProtectKeyRing();
    }

    /// <summary>
    /// Behind a TLS-terminating proxy (<c>Security:ForwardedHeaders</c>): the client address and the https scheme come from the
    /// trusted proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, so the auth cookie is <c>Secure</c> and the login
    /// limits count the real client. Runs before everything else.
    /// </summary>
    public static WebApplication UseGatewayForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
