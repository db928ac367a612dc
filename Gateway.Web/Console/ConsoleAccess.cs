namespace Gateway.Web.Console;

/// <summary>Who may change things in the console: admins; viewers read everything and change nothing.</summary>
public static class ConsoleAccess
{
    /// <summary>The roles that may open the console's read-only pages.</summary>
    public const string Readers = AdminRoles.Admin + "," + AdminRoles.Viewer;

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(AdminRoles.Admin);
}
