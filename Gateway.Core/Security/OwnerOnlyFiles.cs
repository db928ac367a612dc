namespace Gateway.Core.Security;

/// <summary>
/// Files only the gateway's own OS user may read or write (mode 0600): the SQLite databases, which hold every encrypted
/// secret and the key ring, and the key file that decrypts the key ring. On Windows, where there are no Unix modes, the
/// files are created with the directory's inherited access rules.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> empty (and its directory) when it is missing, and leaves it, with the <c>-wal</c> and
    /// <c>-shm</c> files SQLite keeps beside a database, readable and writable by the owner only.
    /// </summary>
    public static void Ensure(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            try
            {
                using var created = CreateNew(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; its mode is tightened below.
            }
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, OwnerReadWrite);
        }
    }

    /// <summary>Creates a new file, failing when it exists, readable and writable by the owner only from its first byte.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return new FileStream(path, options);
    }
}
