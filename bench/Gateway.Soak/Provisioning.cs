namespace Gateway.Soak;

/// <summary>How the soak sets up the gateway through its admin API.</summary>
internal static class Provisioning
{
    /// <summary>A group, one account per upstream in it, and a client key for it; returns the key.</summary>
    public static async Task<string> ProvisionAsync(this GatewayProcess gateway, IReadOnlyList<(FakeUpstream Upstream, AccountRole Role)> accounts)
    {
        var group = await gateway.PostAsync("/api/admin/groups", new { name = "soak" });
        var groupId = group["id"]!.GetValue<long>();
        foreach (var (upstream, role) in accounts)
        {
            await gateway.PostAsync("/api/admin/accounts", new
            {
                name = upstream.Name,
                platform = role.Platform,
                type = "apikey",
                base_url = upstream.BaseUrl,
                api_key = "sk-soak",
                concurrency = 64,
                priority = role.Priority,
                endpoint_mode = role.EndpointMode,
                passthrough = role.Passthrough,
                pool_mode = role.PoolMode,
                group_ids = new[] { groupId },
                model_mapping = new Dictionary<string, string> { [Answers.Model] = Answers.UpstreamModel },
            });
        }

        var key = await gateway.PostAsync("/api/admin/keys", new { name = "soak", group_id = groupId });
        return key["key"]!.GetValue<string>();
    }
}
