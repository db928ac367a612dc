using Gateway.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Web.Security;

/// <summary>Tells whether the first-run setup page may create the first admin.</summary>
internal sealed class FirstRunState(UserManager<AdminUser> users, IConfiguration configuration)
{
    /// <summary>True when no admin is configured and none exists yet.</summary>
    public async Task<bool> IsSetupAllowedAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Admin:Email"]))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(AdminRoles.Admin);
        return admins.Count == 0 && !await users.Users.AnyAsync(ct);
    }
}
