using Bunit;

namespace Gateway.Tests.Web.Console;

/// <summary>
/// A bUnit test of a listing page (usage logs, audit log) over the host <typeparamref name="TData"/> fills once for
/// the class; the page's grid and its rows' time cells carry the test ids <c>{prefix}-grid</c> and <c>{prefix}-time</c>.
/// </summary>
public abstract class ListingPageTest<TPage, TData> : ConsoleComponentTest, IClassFixture<TData>
    where TPage : IComponent
    where TData : ListingPageData
{
    private readonly string _prefix;

    protected ListingPageTest(TData data, string prefix)
    {
        _prefix = prefix;
        data.Fixture.AddConsoleServices(Services, Time);
    }

    /// <summary>The page as it opens: the newest 50 rows, no filter applied.</summary>
    protected IRenderedComponent<TPage> RenderFirstPage()
    {
        RenderProviders();
        var page = Render<TPage>();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));
        return page;
    }

    /// <summary>The grid's rows of items, without the rows the grid draws around them (a trace, the empty text).</summary>
    protected IReadOnlyList<IElement> Rows(IRenderedComponent<TPage> page) =>
        [.. page.FindAll($"[data-testid={_prefix}-grid] tbody tr").Where(r => r.QuerySelector($"[data-testid={_prefix}-time]") is not null)];
}

/// <summary>The host a listing page's test class shares, filled once with the rows its tests read.</summary>
public abstract class ListingPageData : IAsyncLifetime
{
    public ConsoleAppFixture Fixture { get; } = new();

    public async Task InitializeAsync()
    {
        await using var db = Fixture.CreateDbContext();
        await SeedAsync(db);
    }

    public Task DisposeAsync()
    {
        Fixture.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Writes the rows the page's tests read.</summary>
    protected abstract Task SeedAsync(GatewayDbContext db);
}
