using Gateway.Core.Security;

namespace Gateway.Web.Security;

/// <summary>Security settings that depend on the host's environment.</summary>
internal static class SecurityHostingExtensions
{
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<SecurityOptions>(o => o.AllowHttpLoopbackTokenUrl ??= development);
        return builder.ProtectKeyRing();
    }
}
