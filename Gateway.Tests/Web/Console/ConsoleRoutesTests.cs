using Microsoft.AspNetCore.Authorization;

namespace Gateway.Tests.Web.Console;

public sealed class ConsoleRoutesTests
{
    private static readonly string[] SignInRoutes = ["/login", "/setup"];

    // Pages that only change things; every other page is readable by viewers.
    private static readonly string[] AdminOnlyRoutes = ["/jobs", "/settings", "/users"];

    private static IEnumerable<(Type Page, string Route)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)));

    [Fact]
    public void Console_HasExactlyTheSpecRoutes()
    {
        var routes = Pages().Select(p => p.Route).Except(SignInRoutes).Order(StringComparer.Ordinal);

        Assert.Equal(["/", "/accounts", "/audit", "/groups", "/jobs", "/keys", "/settings", "/usage", "/users"], routes);
    }

    [Fact]
    public void EveryConsolePage_RequiresAConsoleRole_AndOnlySignInPagesStayStatic()
    {
        foreach (var (page, route) in Pages())
        {
            var authorize = page.GetCustomAttribute<AuthorizeAttribute>();
            var staticPage = page.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is not null;
            if (SignInRoutes.Contains(route))
            {
                Assert.Null(authorize);
                Assert.True(staticPage, route);
            }
            else
            {
                Assert.Equal(AdminOnlyRoutes.Contains(route) ? AdminRoles.Admin : ConsoleAccess.Readers, authorize?.Roles);
                Assert.False(staticPage, route);
            }
        }
    }
}
