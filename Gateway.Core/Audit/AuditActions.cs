namespace Gateway.Core.Audit;

/// <summary>The verbs of <see cref="AuditEntry.Action"/>: stable names the admin API returns and the console translates.</summary>
public static class AuditActions
{
    public const string AccountCreated = "account_created";
    public const string AccountUpdated = "account_updated";
    public const string AccountDeleted = "account_deleted";
    public const string AccountEnabled = "account_enabled";
    public const string AccountDisabled = "account_disabled";
    public const string AccountError = "account_error";
    public const string AccountProbeRequested = "account_probe_requested";

    public const string GroupCreated = "group_created";
    public const string GroupUpdated = "group_updated";
    public const string GroupDeleted = "group_deleted";

    public const string KeyCreated = "key_created";
    public const string KeyEnabled = "key_enabled";
    public const string KeyDisabled = "key_disabled";
    public const string KeyDeleted = "key_deleted";

    public const string UserCreated = "user_created";
    public const string UserRoleChanged = "user_role_changed";
    public const string UserPasswordSet = "user_password_set";
    public const string UserDeleted = "user_deleted";

    public const string AdminTokenCreated = "admin_token_created";
    public const string AdminTokenDeleted = "admin_token_deleted";

    /// <summary>The prefix every cooldown action starts with (the dashboard counts them).</summary>
    public const string CooldownPrefix = "cooldown_";
    public const string CooldownStarted = CooldownPrefix + "started";
    public const string CooldownExpired = CooldownPrefix + "expired";
    public const string CooldownCleared = CooldownPrefix + "cleared";

    public const string ModelSuspensionExpired = "model_suspension_expired";
    public const string EndpointCacheExpired = "endpoint_cache_expired";
    public const string JobTriggered = "job_triggered";

    /// <summary>Every action, for the checks that each one is named in the console.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AccountCreated, AccountUpdated, AccountDeleted, AccountEnabled, AccountDisabled, AccountError, AccountProbeRequested,
        GroupCreated, GroupUpdated, GroupDeleted, KeyCreated, KeyEnabled, KeyDisabled, KeyDeleted,
        UserCreated, UserRoleChanged, UserPasswordSet, UserDeleted, AdminTokenCreated, AdminTokenDeleted,
        CooldownStarted, CooldownExpired, CooldownCleared, ModelSuspensionExpired, EndpointCacheExpired, JobTriggered,
    ];
}
