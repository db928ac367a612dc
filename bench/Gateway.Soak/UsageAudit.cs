namespace Gateway.Soak;

/// <summary>
/// The usage rows against the requests sent: one row per request id, status 200 (a request whose client left: 499, or
/// no row when it left before the gateway had read it), what the attempt traces say, and the concurrency slots still
/// held once the gateway is idle (<c>gateway_accounts_in_flight</c>).
/// </summary>
internal sealed record UsageAudit(
    int Rows, int Missing, int Duplicated, IReadOnlyCollection<(string RequestId, string Problem)> NotOk, int LeftWith499, IReadOnlyDictionary<string, int> FailureClasses, IReadOnlyDictionary<string, int> Decisions, int SlotsHeld)
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
            if (total >= load.Sent || (total == seen && total >= load.Sent - load.Left.Count && quiet.Elapsed > TimeSpan.FromSeconds(2)))
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
        var left = load.Left.ToHashSet();
        bool LeftWith499(JsonObject row) => row["status"]!.GetValue<int>() == 499 && left.Contains(row["client_request_id"]?.GetValue<string>() ?? "");
        return new UsageAudit(
            rows.Count,
            Enumerable.Range(0, load.Sent).Select(i => $"soak-{i:D6}").Count(id => !perRequest.ContainsKey(id) && !left.Contains(id)),
            perRequest.Values.Count(n => n > 1),
            [.. rows.Where(r => r["status"]!.GetValue<int>() != 200 && !LeftWith499(r)).Select(r => (
                r["client_request_id"]?.GetValue<string>() ?? "",
                $"{r["status"]} {r["error"]} (client {(left.Contains(r["client_request_id"]?.GetValue<string>() ?? "") ? "left" : "stayed")}, attempts: {string.Join(", ", r["trace"]!.AsArray().Select(t => $"{t!["status"]} {t["decision"]}"))})"))],
            rows.Count(LeftWith499),
            Tally(traces.Select(t => t["failure_class"]?.GetValue<string>()).OfType<string>()),
            Tally(traces.Select(t => t["decision"]!.GetValue<string>())),
            await SlotsHeldAsync(gateway));
    }

    // The gateway is idle now: every request it served has released its account's slot.
    private static async Task<int> SlotsHeldAsync(GatewayProcess gateway)
    {
        const string Gauge = "gateway_accounts_in_flight{} ";
        var line = (await gateway.GetTextAsync("/metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(Gauge, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/metrics has no gateway_accounts_in_flight.");
        return int.Parse(line[Gauge.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, int> Tally(IEnumerable<string> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
}
