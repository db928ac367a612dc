using System.Diagnostics;

namespace Gateway.BenchShared;

/// <summary>Ends what the bench programs start: a child process with its own children, and a gateway's SQLite files.</summary>
internal static class ChildProcess
{
    /// <summary>Kills <paramref name="process"/> and its children when still running, waits for them, and releases it.</summary>
    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Deletes a SQLite database with its write-ahead log and shared-memory files.</summary>
    public static void DeleteDatabase(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}
