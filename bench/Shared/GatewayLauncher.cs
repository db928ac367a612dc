using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.BenchShared;

/// <summary>
/// Starts the gateway as a process of its own for the benchmark and the soak (so its CPU time, memory and logs are its
/// own): on a loopback port, over a temporary SQLite database, with a bootstrap admin token, its error output forwarded
/// with a prefix. Linked into both bench programs.
/// </summary>
internal static class GatewayLauncher
{
    /// <param name="command">What follows <c>dotnet</c>: the gateway's dll, or <c>run --project …</c>.</param>
    /// <param name="environment">More environment variables, e.g. <c>Gateway__UpstreamIdleTimeout</c>.</param>
    /// <param name="cpus">A <c>taskset</c> CPU list to pin the gateway to (e.g. <c>1</c>), or null to leave it unpinned.</param>
    /// <param name="label">The prefix of its forwarded error output: the benchmark's target name, so two gateways' logs stay apart.</param>
    public static Process Start(string workingDirectory, IEnumerable<string> command, int port, string database, string bootstrapToken, IEnumerable<(string Name, string Value)> environment, string? cpus = null, string label = "gateway")
    {
        // taskset execs the command, so the process started is the gateway itself (its CPU time and memory are its own).
        command = cpus is null ? command : ["-c", cpus, "dotnet", .. command];
        var start = new ProcessStartInfo(cpus is null ? "dotnet" : "taskset")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Gateway"] = $"Data Source={database}";
        start.Environment["Admin__BootstrapToken"] = bootstrapToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // One client key drives the whole load: the default per-key limits would measure themselves, not the gateway.
        start.Environment["Gateway__DefaultKeyConcurrencyLimit"] = "0";
        start.Environment["Gateway__DefaultKeyRequestsPerMinute"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{label}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitHealthyAsync(HttpClient http, Uri gateway, Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri(gateway, "/healthz"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The gateway did not become healthy within {timeout.TotalSeconds:0} s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
