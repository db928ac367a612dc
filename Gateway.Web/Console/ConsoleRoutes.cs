namespace Gateway.Web.Console;

/// <summary>The console's URLs, built in one place.</summary>
internal static class ConsoleRoutes
{
    public const string Dashboard = "/";
    public const string Accounts = "/accounts";
    public const string Groups = "/groups";
    public const string Keys = "/keys";
    public const string Usage = "/usage";
    public const string Audit = "/audit";
    public const string Settings = "/settings";
    public const string Jobs = "/jobs";
    public const string Users = "/users";
    public const string Login = "/login";
    public const string Setup = "/setup";
    public const string Logout = "/logout";
    public const string SetCulture = "/culture";
    public const string UsageExport = "/api/admin/usage/export";
    public const string HangfireDashboard = "/hangfire";
    public const string ApiReference = "/api-reference";

    /// <summary>One background job's page in the Hangfire dashboard.</summary>
    public static string HangfireJob(string jobId) => $"{HangfireDashboard}/jobs/details/{Uri.EscapeDataString(jobId)}";

    /// <summary>The CSV export of the usage rows <paramref name="filter"/> selects.</summary>
    public static string UsageExportOf(UsageFilter filter) => UsageExport + UsageQueryString.Format(filter);

    /// <summary>The language-switch link that comes back to <paramref name="returnPath"/>.</summary>
    public static string CultureSwitch(string culture, string returnPath) =>
        $"{SetCulture}?culture={Uri.EscapeDataString(culture)}&redirectUri={Uri.EscapeDataString(LocalOrHome(returnPath))}";

    /// <summary>
    /// A local path to return to, or the dashboard when the value could lead off-site or is not a clean path (control
    /// characters such as a tab, which browsers drop, turning <c>/\t/host</c> into <c>//host</c>).
    /// </summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : Dashboard;
}
