using Microsoft.Playwright;

namespace Gateway.Tests.Web.Console;

/// <summary>
/// One host on a real port and one headless Debian chromium, shared by a test class: each test opens its
/// own browser context. Browser console errors are collected per page; server errors through the host's logs.
/// </summary>
public sealed class ConsoleBrowserFixture : IAsyncLifetime
{
    /// <summary>The browser test classes, run one after the other: two browsers at once on two cores made their waits flaky.</summary>
    public const string Collection = "browser";

    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Correct-Horse-9";
    public const string ViewerEmail = "viewer@example.test";
    public const string ViewerPassword = "Viewer-Horse-9";

    private IPlaywright? _playwright;

    public GatewayAppFactory App { get; } = new GatewayAppFactory()
        .WithSetting("Admin:Email", AdminEmail)
        .WithSetting("Admin:Password", AdminPassword);

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: under the test output directory.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        BaseAddress = App.StartRealServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context and page, recording console errors and uncaught page errors.</summary>
    public async Task<BrowserPage> NewPageAsync(string? culture = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), Locale = "en-US", ViewportSize = viewport ?? new() { Width = 1280, Height = 900 } });
        if (culture is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = BaseAddress.ToString() }]);
        }

        // Generous: on a 2-core machine running the other test classes alongside, a first page load can take many seconds.
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    /// <summary>A fresh page (see <see cref="NewPageAsync"/>) signed in as the admin on <paramref name="path"/>, its circuit connected.</summary>
    public async Task<BrowserPage> AdminPageAsync(string path = "/", string? culture = null, ViewportSize? viewport = null)
    {
        var browser = await NewPageAsync(culture, viewport);
        try
        {
            await browser.LogInAsync(AdminEmail, AdminPassword, path);
            await browser.WaitForCircuitAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>A browser page with the errors it reported.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Logs in through the static login form and waits for the console's circuit.</summary>
    public async Task LogInAsync(string email, string password, string returnPath = "/")
    {
        await Page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString(returnPath)}");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#login-submit");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnPath);
    }

    /// <summary>Waits until the page runs interactively (the Blazor circuit is connected).</summary>
    public Task WaitForCircuitAsync() =>
        Page.WaitForSelectorAsync("[data-interactive]");

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
