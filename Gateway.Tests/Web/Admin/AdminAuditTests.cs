using System.Net;

namespace Gateway.Tests.Web.Admin;

/// <summary>Account, group and key changes leave audit entries: who did what to which, by name, never a secret.</summary>
public sealed class AdminAuditTests(GatewayAppFactory app) : IClassFixture<GatewayAppFactory>
{
    [Fact]
    public async Task GroupAndKeyChanges_AreAudited_WithTheActorAndNoSecret()
    {
        var admin = app.CreateAdminClient();
        var name = $"audited-{Guid.NewGuid():N}";
        var group = JsonNode.Parse(await (await admin.PostAsync("/api/admin/groups", Json($$"""{"name":"{{name}}"}"""))).Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/admin/groups/{group["id"]}", Json($$"""{"name":"{{name}}","description":"renamed"}"""))).StatusCode);
        var key = JsonNode.Parse(await (await admin.PostAsync("/api/admin/keys", Json($$"""{"name":"{{name}}-key","group_id":{{group["id"]}}}"""))).Content.ReadAsStringAsync())!;
        var secret = key["key"]!.GetValue<string>();
        await admin.PostAsync($"/api/admin/keys/{key["id"]}/disable", null);
        await admin.PostAsync($"/api/admin/keys/{key["id"]}/enable", null);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/keys/{key["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/groups/{group["id"]}")).StatusCode);

        await using var db = app.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Detail!.StartsWith(name)).OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(
            [AuditActions.GroupCreated, AuditActions.GroupUpdated, AuditActions.KeyCreated, AuditActions.KeyDisabled, AuditActions.KeyEnabled, AuditActions.KeyDeleted, AuditActions.GroupDeleted],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Actor)));
        Assert.All(entries, e => Assert.Null(e.AccountId));
        Assert.DoesNotContain(entries, e => e.Detail!.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountChanges_AreAudited_NamingTheAccount_SoItsEntriesReadAfterItIsDeleted()
    {
        var admin = app.CreateAdminClient();
        var name = $"audited-{Guid.NewGuid():N}";
        var account = JsonNode.Parse(await (await admin.PostAsync("/api/admin/accounts", Json($$"""{"name":"{{name}}","base_url":"https://api.deepseek.com","api_key":"sk-audited"}"""))).Content.ReadAsStringAsync())!;
        var id = account["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/admin/accounts/{id}", Json($$"""{"name":"{{name}}-renamed","base_url":"https://api.deepseek.com"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/accounts/{id}")).StatusCode);

        await using var db = app.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.AccountId == id).OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(
            [(AuditActions.AccountCreated, name), (AuditActions.AccountUpdated, name + "-renamed"), (AuditActions.AccountDeleted, name + "-renamed")],
            entries.Select(e => (e.Action, e.Detail)));
        Assert.DoesNotContain(entries, e => e.Detail!.Contains("sk-audited", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAdminApiReference_NamesEveryAuditAction()
    {
        var actions = RepositoryFiles.Read("docs", "admin-api.md").Split('\n').Single(line => line.StartsWith("| `action` | `", StringComparison.Ordinal));

        Assert.All(AuditActions.All, action => Assert.Contains($"`{action}`", actions, StringComparison.Ordinal));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
