using Bunit;
using Bunit.TestDoubles;

namespace Gateway.Tests.Web.Console.Components;

/// <summary>A circuit whose user is no longer signed in is sent to the login page, and only while its browser is there.</summary>
public sealed class RedirectToLoginTests : ConsoleComponentTest
{
    [Fact]
    public void AConnectedBrowser_IsSentToTheLoginPageAtOnce_ComingBackToWhereItWas()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/usage?model=x");

        Render<RedirectToLogin>();

        Assert.Equal("http://localhost/login?ReturnUrl=%2Fusage%3Fmodel%3Dx", navigation.Uri);
    }

    [Fact]
    public async Task ABrowserThatWentAway_IsNotNavigated_UntilItComesBack()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/accounts");
        var connection = Services.GetRequiredService<CircuitConnection>();
        await connection.OnConnectionDownAsync(null!, CancellationToken.None);

        var redirect = Render<RedirectToLogin>();

        Assert.Equal("http://localhost/accounts", navigation.Uri);
        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        redirect.WaitForAssertion(() => Assert.Equal("http://localhost/login?ReturnUrl=%2Faccounts", navigation.Uri));

        // Sent once: a later drop and return leave it where it went.
        await connection.OnConnectionDownAsync(null!, CancellationToken.None);
        navigation.NavigateTo("/elsewhere");
        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal("http://localhost/elsewhere", navigation.Uri);
    }
}
