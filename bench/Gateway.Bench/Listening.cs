using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench;

/// <summary>Waits for a child process to accept connections on its loopback port.</summary>
internal static class Listening
{
    public static async Task WaitAsync(int port, Process process, string name)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it listened.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{name} did not listen on port {port} within 30 s.");
    }
}
