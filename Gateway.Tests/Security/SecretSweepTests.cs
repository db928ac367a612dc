namespace Gateway.Tests.Security;

/// <summary>
/// "Secrets never appear in logs, UI or API responses after they are saved", swept rather than spot-checked: once every
/// kind of secret is saved and used (<see cref="SecretsInUse"/>), every GET route the admin API's own OpenAPI document
/// lists, for every id, with the usage export, and every log line.
/// </summary>
public sealed class SecretSweepTests
{
    [Fact]
    public async Task NoSavedSecret_AppearsInAnyAdminAnswer_TheUsageExport_OrTheLogs()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await using var secrets = await SecretsInUse.SaveAndUseAsync(gateway.App, gateway.Address, gateway.GroupId);

        var document = await secrets.AdminAsync(HttpMethod.Get, "/api/admin/openapi/admin.json");
        var routes = document!["paths"]!.AsObject().Where(p => p.Value!["get"] is not null).Select(p => p.Key).ToList();
        var swept = new HashSet<string>();
        foreach (var route in routes.Where(r => !r.Contains('{')))
        {
            var list = await secrets.AdminAsync(HttpMethod.Get, route);
            swept.Add(route);
            foreach (var item in routes.Where(r => r.StartsWith(route + "/{", StringComparison.Ordinal)))
            {
                var parameter = item[(route.Length + 2)..item.IndexOf('}')];
                foreach (var value in Items(list).Select(i => i[parameter]?.ToString()).OfType<string>())
                {
                    await secrets.AdminAsync(HttpMethod.Get, item.Replace($"{{{parameter}}}", value, StringComparison.Ordinal));
                    swept.Add(item);
                }
            }
        }

        Assert.Equal(routes.Order(), swept.Order());
        Assert.Contains(secrets.Answers, a => a.StartsWith("GET /api/admin/accounts/", StringComparison.Ordinal) && a.Contains("\"name\":\"oauth\"", StringComparison.Ordinal));
        Assert.Contains(secrets.Answers, a => a.StartsWith("GET /api/admin/usage/export", StringComparison.Ordinal) && a.Contains("claude-sonnet-4-5", StringComparison.Ordinal));
        Assert.Empty(secrets.LeaksIn(secrets.Answers.Concat(gateway.App.Logs.Entries)));
    }

    // What a list answer holds: an array, or a page whose items are one.
    private static IEnumerable<JsonObject> Items(JsonNode? list) =>
        (list as JsonArray ?? list?["items"] as JsonArray ?? []).OfType<JsonObject>();
}
