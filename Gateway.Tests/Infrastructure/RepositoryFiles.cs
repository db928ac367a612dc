namespace Gateway.Tests.Infrastructure;

/// <summary>Files of the repository the tests were built from, for the checks that its docs name what the code does.</summary>
internal static class RepositoryFiles
{
    /// <summary>The text of a file, by its path from the repository's root (the folder of Gateway.sln).</summary>
    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root(), .. path]));

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test binaries.");
    }
}
