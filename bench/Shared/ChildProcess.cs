using System.Diagnostics;

namespace Gateway.BenchShared;

/// <summary>What the bench programs start and end: a child process with its own children, and a gateway's database folder.</summary>
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

    /// <summary>
    /// Where a gateway run keeps its SQLite database: a fresh folder of its own under the temporary folder, so the files
    /// the gateway adds beside it (the job store, the key-ring key, their logs) go with it.
    /// </summary>
    /// <param name="name">What runs the gateway (<c>bench</c>, <c>soak</c>, <c>clients</c>): the folder's prefix.</param>
    public static string NewDatabase(string name) =>
        Path.Combine(Directory.CreateTempSubdirectory($"gateway-{name}-").FullName, "gateway.db");

    /// <summary>Deletes a database of <see cref="NewDatabase"/> with everything beside it.</summary>
    public static void DeleteDatabase(string database) => Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
}
