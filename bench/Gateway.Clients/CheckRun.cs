namespace Gateway.Clients;

/// <summary>What one <see cref="ClientCheck"/> found: the file, the client's exit, and the usage rows of its key.</summary>
internal sealed record CheckRun(ClientCheck Check, bool FileWritten, int ExitCode, int Rows, int FailedOver, string Failures, string Reasoning, IReadOnlyList<string> Problems, TimeSpan Took)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(3);

    public bool Passed => Problems.Count == 0;

    /// <summary>Runs the check in <paramref name="folder"/>: its models, its group and key, the client, then the usage rows.</summary>
    public static async Task<CheckRun> RunAsync(ClientCheck check, GatewayProcess gateway, string clients, string folder)
    {
        var clock = Stopwatch.StartNew();
        var project = Directory.CreateDirectory(Path.Combine(folder, "project")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;
        var switches = check.ThenKind is not null;
        await using var first = await ScriptedModel.StartAsync(switches ? "first" : "flaky", switches ? ModelBehaviour.FailsAfterItsCall : ModelBehaviour.Flaky, Path.Combine(folder, "requests"));
        await using var second = await ScriptedModel.StartAsync(switches ? "second" : "healthy", ModelBehaviour.Healthy, Path.Combine(folder, "requests"));
        var groupId = (await gateway.PostAsync("/api/admin/groups", new { name = check.Name }))["id"]!.GetValue<long>();
        var firstId = (await gateway.PostAsync("/api/admin/accounts", check.Account(first, check.AccountKind, groupId, 1)))["id"]!.GetValue<long>();
        var secondId = (await gateway.PostAsync("/api/admin/accounts", check.Account(second, check.ThenKind ?? check.AccountKind, groupId, 2)))["id"]!.GetValue<long>();
        var key = await gateway.PostAsync("/api/admin/keys", new { name = check.Name, group_id = groupId });

        var text = $"written-through-the-gateway-{Guid.NewGuid():N}";
        var file = Path.Combine(project, "hello.txt");
        var task = $"GATEWAY-CHECK path={file} text={text} (write that text, alone on its line, into that file and into a copy beside it)";
        var (exitCode, output) = await RunClientAsync(check.Start(clients, gateway.Address, key["key"]!.GetValue<string>(), project, home, task), Path.Combine(folder, "client-output.txt"));

        // The model writes the file and its copy with two calls in parallel.
        var problems = new List<string>();
        foreach (var path in new[] { file, ModelTurn.CopyOf(file) })
        {
            if (!File.Exists(path) || (await File.ReadAllTextAsync(path)).Trim() != text)
            {
                problems.Add(File.Exists(path) ? $"{Path.GetFileName(path)} holds other text" : $"{Path.GetFileName(path)} not written");
            }
        }

        var written = problems.Count == 0;

        if (exitCode != 0)
        {
            problems.Add($"the client exited with {exitCode}");
        }

        if (!output.Contains(ModelTurn.Finished, StringComparison.Ordinal))
        {
            problems.Add("the client did not show the model's last answer");
        }

        // Every request delivered, by the second account after the first failed (or, across two kinds, by the first before).
        var rows = await UsageRowsAsync(gateway, key["id"]!.GetValue<long>());
        var deliveredBy = new HashSet<long>();
        foreach (var row in rows)
        {
            var trace = row["trace"]!.AsArray().OfType<JsonObject>().ToList();
            var last = trace.LastOrDefault();
            var by = last?["account_id"]?.GetValue<long>();
            if (row["status"]!.GetValue<int>() != 200 || by is null || (by != secondId && !(switches && by == firstId)) || last!["decision"]?.GetValue<string>() != "deliver")
            {
                problems.Add($"request {row["request_id"]}: {row["status"]} {row["error"]}, attempts {Describe(trace)}");
            }
            else if (trace.SkipLast(1).Any(t => t["account_id"]?.GetValue<long>() != firstId || t["decision"]?.GetValue<string>() != "account_switch"))
            {
                problems.Add($"request {row["request_id"]}: attempts {Describe(trace)}");
            }
            else
            {
                deliveredBy.Add(by.Value);
            }
        }

        var failedOver = rows.Count(r => r["attempts"]!.GetValue<int>() > 1);
        if (rows.Count == 0 || failedOver == 0)
        {
            problems.Add("no request met the first account's failure");
        }

        if (switches && !deliveredBy.SetEquals([firstId, secondId]))
        {
            problems.Add("the conversation did not go from the first account to the second");
        }

        // How the first account failed, as the traces say: a 200 is a failure inside the stream.
        var failures = string.Join(", ", rows.SelectMany(r => r["trace"]!.AsArray().OfType<JsonObject>().SkipLast(1))
            .Select(t => $"{t["status"]} {t["failure_class"]}").Distinct());
        var reasoning = switches ? $"{first.Reasoning} by the first account" : second.Reasoning;
        return new CheckRun(check, written, exitCode, rows.Count, failedOver, failures, reasoning, problems, clock.Elapsed);
    }

    public override string ToString() =>
        $"{Check.Name,-34} {(Passed ? "pass" : "FAIL")}: files {(FileWritten ? "written" : "missing")}, exit {ExitCode}, {Rows} requests, {FailedOver} failed over from the first account ({Failures}), reasoning {Reasoning}, {Took.TotalSeconds:0.0} s"
        + string.Concat(Problems.Select(p => $"\n    {p}"));

    private static string Describe(List<JsonObject> trace) =>
        string.Join(" → ", trace.Select(t => $"account {t["account_id"]} {t["status"]} {t["failure_class"]} {t["decision"]}"));

    /// <summary>Runs the client to its end (or a timeout: exit code -1); its exit code and what it wrote to its standard output.</summary>
    private static async Task<(int ExitCode, string Output)> RunClientAsync(ProcessStartInfo start, string outputFile)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ClientTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await File.WriteAllTextAsync(outputFile, $"{await output}\n--- stderr ---\n{await errors}");
        return (timeout.IsCancellationRequested ? -1 : process.ExitCode, await output);
    }

    // The usage rows of the check's key, once the writer has stored them all (their count stops growing).
    private static async Task<List<JsonObject>> UsageRowsAsync(GatewayProcess gateway, long keyId)
    {
        var seen = -1;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var page = await gateway.GetAsync($"/api/admin/usage?key_id={keyId}&limit=500");
            var total = page["total"]!.GetValue<int>();
            if (total == seen)
            {
                return [.. page["items"]!.AsArray().OfType<JsonObject>()];
            }

            seen = total;
        }
    }
}
