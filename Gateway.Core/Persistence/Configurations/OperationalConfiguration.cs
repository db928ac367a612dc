namespace Gateway.Core.Persistence.Configurations;

internal sealed class UsageLogConfiguration : IEntityTypeConfiguration<UsageLog>
{
    public void Configure(EntityTypeBuilder<UsageLog> builder)
    {
        builder.ToTable("usage_logs");
        builder.Property(u => u.RequestId).HasMaxLength(100);
        builder.Property(u => u.ClientRequestId).HasMaxLength(100);
        builder.Property(u => u.Model).HasMaxLength(GatewayOptions.ModelColumnLength);
        builder.Property(u => u.UpstreamModel).HasMaxLength(GatewayOptions.ModelColumnLength);
        builder.Property(u => u.InboundProtocol).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.UpstreamProtocol).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Error).HasMaxLength(2000);
        builder.Property(u => u.ResponseId).HasMaxLength(UsageLog.ResponseIdMaxLength);
        builder.Property(u => u.Trace).HasJsonConversion();
        builder.HasIndex(u => u.CreatedAt);
        builder.HasIndex(u => u.RequestId);

        // Most clients send no id of their own: only the rows that carry one are indexed, the rest cost no index insert.
        // The brackets quote the column on both SQLite and SQL Server.
        builder.HasIndex(u => u.ClientRequestId).HasFilter("[ClientRequestId] IS NOT NULL");
        builder.HasIndex(u => u.ResponseId).HasFilter("[ResponseId] IS NOT NULL");

        builder.HasIndex(u => new { u.AccountId, u.CreatedAt });
        builder.HasIndex(u => new { u.KeyId, u.CreatedAt });
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(4000);
    }
}

internal sealed class AdminTokenConfiguration : IEntityTypeConfiguration<AdminToken>
{
    public void Configure(EntityTypeBuilder<AdminToken> builder)
    {
        builder.ToTable("admin_tokens");
        builder.Property(t => t.Name).HasMaxLength(AdminTokenService.MaxNameLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasHashedSecret(t => t.TokenHash, t => t.Prefix);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Detail).HasMaxLength(2000);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.HasIndex(a => a.CreatedAt);
        builder.HasIndex(a => a.AccountId);
    }
}

/// <summary>
/// The package's key entity on the table the gateway's own key repository created before: same name, columns and
/// constraints, so existing key rings are read as they are and no migration is needed.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
        builder.Property(k => k.Xml).IsRequired();
    }
}
