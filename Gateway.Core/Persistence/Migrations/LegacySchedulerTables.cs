namespace Gateway.Core.Persistence.Migrations;

/// <summary>
/// The tables the job scheduler used before Hangfire created at run time in the application database (so no
/// migration knows them), listed children first: dropping them in this order never breaks a foreign key.
/// </summary>
internal static class LegacySchedulerTables
{
    public static readonly IReadOnlyList<string> Names =
    [
        "QRTZ_BLOB_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS",
        "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS",
        "QRTZ_PAUSED_JOB_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS", "QRTZ_CALENDARS",
        "QRTZ_EXECUTION_HISTORY", "QRTZ_JOB_STATUS", "QRTZ_MISFIRE_HISTORY",
    ];

    public static string DropSqlite(string table) => $"DROP TABLE IF EXISTS \"{table}\";";

    // Unqualified, like the tables were created: in the login's default schema.
    public static string DropSqlServer(string table) => $"IF OBJECT_ID(N'{table}', N'U') IS NOT NULL DROP TABLE [{table}];";
}
