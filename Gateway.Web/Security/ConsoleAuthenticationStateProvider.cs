using Microsoft.AspNetCore.Components.Server;

namespace Gateway.Web.Security;

/// <summary>
/// Re-checks the user of an open console circuit every <see cref="SecurityOptions.SessionValidationInterval"/>: a tab left
/// open by a user who was deleted, demoted, changed password or logged out elsewhere falls back to signed out. A circuit
/// only sees the cookie once, when it connects, so without this it would keep its rights for as long as it stays open.
/// </summary>
internal sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> security,
    IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.Value.SessionValidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    /// <summary>Whether the user still exists with the security stamp the session was issued with.</summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return false;
        }

        return !users.SupportsUserSecurityStamp
            || principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
