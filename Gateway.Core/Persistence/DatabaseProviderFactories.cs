using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Gateway.Core.Persistence;

/// <summary>
/// The ADO.NET factory of the configured provider, for components that open their own connections to the
/// application database (the job store). Lives here because only this project compiles against the
/// path-referenced SQL Server client.
/// </summary>
public static class DatabaseProviderFactories
{
    public static DbProviderFactory For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? SqlClientFactory.Instance : SqliteFactory.Instance;
}
