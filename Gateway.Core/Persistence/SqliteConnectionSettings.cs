namespace Gateway.Core.Persistence;

/// <summary>
/// Sets what SQLite keeps per connection, on every connection EF opens:
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>, with which a write-ahead-log database syncs to disk at checkpoints instead of at
/// every commit. The database stays consistent through a crash; a power cut may lose the last commits. With a sync per
/// commit, the usage writer's batches waited on the disk, and a slow disk made the usage queue overflow.</item>
/// <item><c>wal_autocheckpoint</c> at 10,000 pages (40 MB of log) instead of SQLite's 1,000: a page
/// that many commits change (the last page of the usage table and of each of its indexes) is copied into the database
/// once per checkpoint, so fewer checkpoints copy it fewer times.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static SqliteConnectionSettings Instance { get; } = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Command(connection).ExecuteNonQuery();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
