using System.Net;

namespace Gateway.Tests.Web.Admin;

/// <summary>Groups as the admin API lists them: their member accounts and how many keys they hold.</summary>
public sealed class AdminGroupApiTests : IDisposable
{
    private readonly GatewayAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AGroupWithAccountsAndKeys_IsListedWithBoth_ByQueriesTheDatabaseRunsWithoutAWarning()
    {
        var admin = _app.CreateAdminClient();
        var group = await (await admin.PostAsJsonAsync("/api/admin/groups", new { name = "team" })).Content.ReadFromJsonAsync<JsonObject>();
        var groupId = group!["id"]!.GetValue<long>();
        var account = await admin.PostAsJsonAsync("/api/admin/accounts", new
        {
            name = "member", platform = "openai-compatible", type = "apikey", base_url = "https://api.example.test", api_key = "sk-member", group_ids = new[] { groupId },
        });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        foreach (var name in (string[])["first", "second"])
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/keys", new { name, group_id = groupId })).StatusCode);
        }

        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonArray>("/api/admin/groups"))!.Objects(), g => g["id"]!.GetValue<long>() == groupId);
        var read = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/groups/{groupId}");

        foreach (var g in (JsonObject[])[listed, read!])
        {
            Assert.Single(g["account_ids"]!.AsArray());
            Assert.Equal(2, g["key_count"]!.GetValue<int>());
        }

        // Two collections in one query make EF Core warn at every start of a process (and multiply the rows it reads).
        Assert.DoesNotContain(_app.Logs.Entries, e => e.Contains("QuerySplittingBehavior", StringComparison.Ordinal));
    }
}
