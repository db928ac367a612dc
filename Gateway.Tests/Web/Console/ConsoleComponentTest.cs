using Bunit;
using Bunit.TestDoubles;
using Gateway.Tests.Web.Console.Fakes;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using MudBlazor.Services;

namespace Gateway.Tests.Web.Console;

/// <summary>
/// Base of the console's bUnit tests: MudBlazor's services with its popover and dialog providers rendered,
/// loose JS interop (MudBlazor's scripts answer nothing), the console's localisation and terms (English unless a test
/// switches to zh-CN), a fake clock, a connected browser, and a signed-in admin.
/// </summary>
public abstract class ConsoleComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>The tests' "now": 2026-12-01 12:00 UTC until a test moves it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    // bUnit waits a second for a render by default; a shared CI machine running the whole suite can take longer.
    static ConsoleComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ConsoleComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        Services.AddSingleton<ConsoleTerms>();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddScoped<CircuitConnection>();
        Services.AddSingleton<AntiforgeryStateProvider, TestAntiforgeryStateProvider>();
        Auth = AddAuthorization();
        SignInAs(AdminRoles.Admin);
        UseCulture("en");
    }

    protected CountingTimeProvider Time { get; } = new(Start);

    /// <summary>
    /// Types into a field that waits for a pause in typing of <paramref name="debounce"/>, then moves the clock past
    /// the pause once the field's delay is on it (MudBlazor may start that delay off the test's thread, after a yield).
    /// </summary>
    protected async Task TypeThenPauseAsync(IElement field, string text, TimeSpan debounce)
    {
        var armed = Time.OneShotArmed(debounce);
        field.Input(text);
        await armed.WaitAsync(TimeSpan.FromSeconds(30));
        Time.Advance(debounce);
    }

    /// <summary>The database behind the console's services, once a test class asked for them (<see cref="UseConsoleServices"/>).</summary>
    protected TestDatabase? Database { get; private set; }

    protected FakeAccountActions AccountActions { get; } = new();

    protected RecordingChangeNotifier Changes { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>
    /// Registers the console's real services over a fresh database (migrated before the test runs), with fakes
    /// for what would reach an upstream or the job host. Call from the test class's constructor.
    /// </summary>
    protected void UseConsoleServices()
    {
        Database = new TestDatabase();
        Services.AddSingleton<IDbContextFactory<GatewayDbContext>>(Database);
        Services.AddSingleton(new SecretProtector(new EphemeralDataProtectionProvider()));
        Services.AddSingleton<IAccountChangeNotifier>(Changes);
        Services.AddSingleton<IApiKeyChangeNotifier>(Changes);
        Services.AddSingleton<IAccountActions>(AccountActions);
        Services.AddSingleton<AccountAdminService>();
        Services.AddSingleton<GroupAdminService>();
        Services.AddSingleton<ApiKeyAdminService>();
        Services.AddSingleton<AccountHealthService>();
        Services.AddSingleton<AccountGridService>();
        Services.AddSingleton<AccountFormMessages>();
    }

    /// <summary>Creates an account through the admin service, then sets what only the gateway itself writes (cooldowns, probe verdicts…).</summary>
    protected async Task<Account> SeedAccountAsync(string name, Action<Account> configure)
    {
        var created = await Services.GetRequiredService<AccountAdminService>().CreateAsync(
            new AccountInput { Name = name, BaseUrl = $"https://{name}.example.test", ApiKey = "sk-seed" }, "seed", CancellationToken.None);
        await using var db = Database!.CreateDbContext();
        var account = await db.Accounts.Include(a => a.Groups).SingleAsync(a => a.Id == created.Value!.Id);
        configure(account);
        await db.SaveChangesAsync();
        return account;
    }

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
    public async Task InitializeAsync()
    {
        if (Database is not null)
        {
            await Database.MigrateAsync();
        }

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    // MudBlazor's services are only asynchronously disposable: xunit must dispose through here.
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await DisposeAsync();
        Database?.Dispose();
    }

    private sealed class TestAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
