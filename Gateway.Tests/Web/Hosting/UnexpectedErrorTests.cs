using System.Net;

namespace Gateway.Tests.Web.Hosting;

/// <summary>
/// A failure nobody expected is answered without its details: on the admin API and the console by the host's exception
/// handler as a problem document, on the client API by its own gate in the client's error shape (see
/// <c>ClientAuthenticationTests</c>).
/// </summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task AnAdminCallThatFailsUnexpectedly_GetsAProblemDocumentWithoutTheFailuresDetails()
    {
        using var app = new GatewayAppFactory();
        var admin = app.CreateAdminClient();
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF; DROP TABLE groups;");
        }

        var response = await admin.GetAsync("/api/admin/groups");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("groups", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
    }
}
