using Gateway.Clients;

// Real clients through the gateway (the guide's "what good looks like"): Claude Code and Codex CLI, each through a group
// of an anthropic, a Responses and a Chat account kind whose first account fails inside its streams, asked to write a
// file. Exits 1 when a client did not write it, or a usage row shows a failure the client was not spared.
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var root = Arg("--root") ?? throw new ArgumentException("--root <repository root> is required");
var clients = Arg("--clients") ?? throw new ArgumentException("--clients <folder with node_modules/.bin/claude and codex> is required");
var only = Arg("--only");
var keep = args.Contains("--keep");
var work = Directory.CreateTempSubdirectory("gateway-clients-").FullName;

// Overloaded accounts come back after 50 ms, so the flaky one fails nearly every request of a check, not only its first.
(string, string)[] settings = [("OverloadCooldown", "00:00:00.050"), ("ServerErrorCooldown", "00:00:00.050")];
await using var gateway = await GatewayProcess.StartAsync(root, "clients", settings);
Console.WriteLine($"Real clients through the gateway at {gateway.Address} (dotnet run of Gateway.Web, Release); work folder {work}");
foreach (var client in ClientCheck.All.Select(c => c.Client).Distinct())
{
    using var version = Process.Start(new ProcessStartInfo(ClientCheck.Executable(clients, client), "--version") { RedirectStandardOutput = true })!;
    Console.WriteLine($"{client}: {(await version.StandardOutput.ReadToEndAsync()).Trim()}");
}

var passed = true;
foreach (var check in ClientCheck.All.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
{
    var outcome = await CheckRun.RunAsync(check, gateway, clients, Path.Combine(work, check.Name.Replace(' ', '-')));
    Console.WriteLine(outcome);
    passed &= outcome.Passed;
}

if (passed && !keep)
{
    Directory.Delete(work, recursive: true);
}

Console.WriteLine($"{(passed ? "PASS" : "FAIL")}{(passed && !keep ? "" : $" (each check's requests and the client's output are under {work})")}");
return passed ? 0 : 1;
