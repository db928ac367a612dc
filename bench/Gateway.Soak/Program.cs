using Gateway.Soak;

// Fault-injection soak (SPEC 9): faulty fake upstreams and one healthy one on loopback, the gateway started with
// `dotnet run`, thousands of mixed requests; every answer is checked, and so are the usage rows. Exits 1 on any failure.
var options = SoakOptions.Parse(args);
var accounts = new List<(FakeUpstream Upstream, AccountRole Role)>();
try
{
    for (var i = 1; i < options.Accounts; i++)
    {
        accounts.Add((await FakeUpstream.StartAsync($"faulty-{i}", options.FaultShare, SoakOptions.SlowHeaders, (options.Seed * 100) + i), AccountRole.Faulty[(i - 1) % AccountRole.Faulty.Length]));
    }

    accounts.Add((await FakeUpstream.StartAsync("healthy", 0, SoakOptions.SlowHeaders, options.Seed), AccountRole.Healthy));
    await using var gateway = await GatewayProcess.StartAsync(options.Root, "soak", SoakOptions.GatewaySettings);
    var key = await gateway.ProvisionAsync(accounts);

    Console.WriteLine($"Fault-injection soak: {options.Accounts} accounts ({options.Accounts - 1} faulty failing {options.FaultShare:P0} of their requests, 1 healthy), "
        + $"{options.Requests} requests at concurrency {options.Concurrency}, seed {options.Seed}");
    Console.WriteLine($"Gateway: dotnet run of Gateway.Web (Release) at {gateway.Address} over a temporary SQLite database; "
        + string.Join(", ", SoakOptions.GatewaySettings.Select(s => $"{s.Key}={s.Value}")));
    Console.WriteLine("Accounts: " + string.Join(", ", accounts.Select(a => $"{a.Upstream.Name} ({a.Role})")));

    var load = await LoadDriver.RunAsync(gateway.Address, key, options.Requests, options.Concurrency);
    var usage = await UsageAudit.ReadAsync(gateway, load);
    return SoakReport.Print(load, usage, [.. accounts.Select(a => a.Upstream)]) ? 0 : 1;
}
finally
{
    foreach (var (upstream, _) in accounts)
    {
        await upstream.DisposeAsync();
    }
}
