using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Gateway.Bench;

/// <summary>The gateway's admin API as the benchmark uses it: provisioning, then counting usage rows.</summary>
internal sealed class GatewayAdmin(HttpClient http, Uri gateway, string token)
{
    /// <summary>One group with one account of the given endpoint mode on the fake upstream, and a key for it.</summary>
    public async Task<string> ProvisionAsync(string upstreamUrl, string name, string endpointMode)
    {
        var group = await SendAsync(HttpMethod.Post, "/api/admin/groups", new { name });
        var groupId = group["id"]!.GetValue<long>();
        await SendAsync(HttpMethod.Post, "/api/admin/accounts", new
        {
            name = $"{name}-upstream",
            platform = "openai-compatible",
            type = "apikey",
            base_url = upstreamUrl,
            api_key = "sk-bench",
            concurrency = 1000,
            endpoint_mode = endpointMode,
            group_ids = new[] { groupId },
        });
        var key = await SendAsync(HttpMethod.Post, "/api/admin/keys", new { name, group_id = groupId });
        return key["key"]!.GetValue<string>();
    }

    /// <summary>The usage rows stored, once the count reaches <paramref name="expected"/> or stops growing.</summary>
    public async Task<long> UsageRowsAsync(long expected)
    {
        var quiet = Stopwatch.StartNew();
        var rows = -1L;
        while (true)
        {
            var total = (await SendAsync(HttpMethod.Get, "/api/admin/usage?limit=1", null))["total"]!.GetValue<long>();
            if (total >= expected || (total == rows && quiet.Elapsed > TimeSpan.FromSeconds(3)))
            {
                return total;
            }

            if (total != rows)
            {
                rows = total;
                quiet.Restart();
            }

            await Task.Delay(250);
        }
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
