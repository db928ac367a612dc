using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Gateway.Core.Security;
using Gateway.Web.Console;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Radzen;

namespace Gateway.Tests.Web.Console;

/// <summary>
/// Base of the console's bUnit tests: MudBlazor's services with its popover and dialog providers rendered,
/// loose JS interop (MudBlazor's scripts answer nothing), the console's localisation (English unless a test
/// switches to zh-CN), a fake clock, and a signed-in admin.
/// </summary>
public abstract class ConsoleComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>The tests' "now": 2026-12-01 12:00 UTC until a test moves it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected ConsoleComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        // The layout still hosts Radzen's dialogs for the pages not yet moved to MudBlazor.
        Services.AddRadzenComponents();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<AntiforgeryStateProvider, TestAntiforgeryStateProvider>();
        Auth = AddAuthorization();
        SignInAs(AdminRoles.Admin);
        UseCulture("en");
    }

    protected FakeTimeProvider Time { get; } = new(Start);

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Signs in a user with one console role.</summary>
    protected void SignInAs(string role, string name = "someone@example.test")
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
    }

    /// <summary>Renders as a browser sending that culture would see it (the request-localisation middleware sets both).</summary>
    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    /// <summary>Renders MudBlazor's popover and dialog hosts, which menus, selects and dialogs draw into.</summary>
    protected IRenderedComponent<IComponent> RenderProviders() =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
        });

    // After the derived class's constructor: it may still register services, which the renderer's first use forbids.
    public Task InitializeAsync()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    // MudBlazor's services are only asynchronously disposable: xunit must dispose through here.
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await DisposeAsync();
    }

    private sealed class TestAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
