using System.Net;
using Gateway.Core.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

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
            var proxies = security.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"Security:KnownProxies has '{p}', which is not an IP address.")).ToList();
            var networks = security.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"Security:KnownNetworks has '{n}', which is not an IP network in CIDR notation.")).ToList();
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                proxies.ForEach(o.KnownProxies.Add);
                networks.ForEach(o.KnownIPNetworks.Add);
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
