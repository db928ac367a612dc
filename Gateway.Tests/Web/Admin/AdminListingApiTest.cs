using System.Net;

namespace Gateway.Tests.Web.Admin;

/// <summary>
/// Tests of an admin listing's API (usage logs, audit entries) on a gateway of their own per test, the listing's rows
/// written from <see cref="Start"/> on before each test.
/// </summary>
public abstract class AdminListingApiTest(GatewayAppFactory app) : IAsyncLifetime
{
    protected static readonly DateTime Start = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    protected GatewayAppFactory App { get; } = app;

    public async Task InitializeAsync()
    {
        await using var db = App.CreateDbContext();
        Seed(db);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Adds the rows the tests read.</summary>
    protected abstract void Seed(GatewayDbContext db);

    /// <summary>The admin's GET of <paramref name="url"/>, which must succeed.</summary>
    protected async Task<JsonElement> GetAsync(string url)
    {
        var response = await App.CreateAdminClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>How many rows the listing's page at <paramref name="url"/> says match in all.</summary>
    protected async Task<int> TotalAsync(string url) => (await GetAsync(url)).GetProperty("total").GetInt32();

    /// <summary>The admin's GET of <paramref name="url"/>, which must get a 400: its errors, by field.</summary>
    protected async Task<JsonElement> ErrorsAsync(string url)
    {
        var response = await App.CreateAdminClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}
