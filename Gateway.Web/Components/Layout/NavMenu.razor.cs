namespace Gateway.Web.Components.Layout;

/// <summary>The console's pages in the drawer; pages that only change things are left out for viewers.</summary>
public partial class NavMenu
{
    private static readonly NavItem[] Items =
    [
        new(ConsoleRoutes.Dashboard, nameof(Resources.MainLayout.NavDashboard), Icons.Material.Filled.Dashboard, "dashboard", AdminOnly: false),
        new(ConsoleRoutes.Accounts, nameof(Resources.MainLayout.NavAccounts), Icons.Material.Filled.Dns, "accounts", AdminOnly: false),
        new(ConsoleRoutes.Groups, nameof(Resources.MainLayout.NavGroups), Icons.Material.Filled.Workspaces, "groups", AdminOnly: false),
        new(ConsoleRoutes.Keys, nameof(Resources.MainLayout.NavKeys), Icons.Material.Filled.Key, "keys", AdminOnly: false),
        new(ConsoleRoutes.Usage, nameof(Resources.MainLayout.NavUsage), Icons.Material.Filled.ReceiptLong, "usage", AdminOnly: false),
        new(ConsoleRoutes.Audit, nameof(Resources.MainLayout.NavAudit), Icons.Material.Filled.History, "audit", AdminOnly: false),
        new(ConsoleRoutes.Settings, nameof(Resources.MainLayout.NavSettings), Icons.Material.Filled.Settings, "settings", AdminOnly: true),
        new(ConsoleRoutes.Jobs, nameof(Resources.MainLayout.NavJobs), Icons.Material.Filled.Schedule, "jobs", AdminOnly: true),
        new(ConsoleRoutes.Users, nameof(Resources.MainLayout.NavUsers), Icons.Material.Filled.Group, "users", AdminOnly: true),
    ];

    private sealed record NavItem(string Href, string TextKey, string Icon, string TestId, bool AdminOnly);
}
