namespace Gateway.Soak;

/// <summary>The usage rows against the requests sent: one row per request id, status 200, and what the attempt traces say.</summary>
internal sealed record UsageAudit(int Rows, int Missing, int Duplicated, int NotOk, IReadOnlyDictionary<string, int> FailureClasses, IReadOnlyDictionary<string, int> Decisions)
{
    /// <summary>Failed attempts recorded in the traces: one per fault the upstreams injected.</summary>
    public int FailedAttempts => FailureClasses.Values.Sum();

    /// <summary>Waits for the usage queue to drain (the row count stops growing), then reads every row.</summary>
    public static async Task<UsageAudit> ReadAsync(GatewayProcess gateway, LoadResult load)
    {
        var quiet = Stopwatch.StartNew();
        var seen = -1;
        while (quiet.Elapsed < TimeSpan.FromSeconds(15))
        {
            var total = (await gateway.GetAsync("/api/admin/usage?limit=1"))["total"]!.GetValue<int>();
            if (total >= load.Sent)
            {
                break;
            }

            if (total != seen)
            {
                seen = total;
                quiet.Restart();
            }

            await Task.Delay(500);
        }

        var rows = new List<JsonObject>();
        while (true)
        {
            var page = await gateway.GetAsync($"/api/admin/usage?offset={rows.Count}&limit=500");
            var items = page["items"]!.AsArray().OfType<JsonObject>().ToList();
            rows.AddRange(items);
            if (items.Count == 0 || rows.Count >= page["total"]!.GetValue<int>())
            {
                break;
            }
        }

        var perRequest = rows.GroupBy(r => r["client_request_id"]?.GetValue<string>() ?? "").ToDictionary(g => g.Key, g => g.Count());
        var traces = rows.SelectMany(r => r["trace"]!.AsArray().OfType<JsonObject>()).ToList();
        return new UsageAudit(
            rows.Count,
            Enumerable.Range(0, load.Sent).Count(i => !perRequest.ContainsKey($"soak-{i:D6}")),
            perRequest.Values.Count(n => n > 1),
            rows.Count(r => r["status"]!.GetValue<int>() != 200),
            Tally(traces.Select(t => t["failure_class"]?.GetValue<string>()).OfType<string>()),
            Tally(traces.Select(t => t["decision"]!.GetValue<string>())));
    }

    private static Dictionary<string, int> Tally(IEnumerable<string> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
}
