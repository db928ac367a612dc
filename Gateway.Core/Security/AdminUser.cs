using Microsoft.AspNetCore.Identity;

namespace Gateway.Core.Security;

/// <summary>A console user (ASP.NET Core Identity).</summary>
public sealed class AdminUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}

/// <summary>The console's roles.</summary>
public static class AdminRoles
{
    /// <summary>Full control of the console and admin API.</summary>
    public const string Admin = "Admin";

    /// <summary>Signed-in user without admin rights; sees no admin page.</summary>
    public const string Viewer = "Viewer";
}
