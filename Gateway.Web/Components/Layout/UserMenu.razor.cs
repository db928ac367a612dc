namespace Gateway.Web.Components.Layout;

/// <summary>The signed-in user in the top bar: role, name (hidden on phones), read-only badge and log-out.</summary>
public partial class UserMenu
{
    private string RoleText(ClaimsPrincipal user) => Terms.Role(ConsoleAccess.CanEdit(user) ? AdminRoles.Admin : AdminRoles.Viewer);
}
