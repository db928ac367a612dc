namespace Gateway.Core.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.Name).HasMaxLength(AccountInputValidator.MaxNameLength);
        builder.Property(a => a.BaseUrl).HasMaxLength(AccountInputValidator.MaxUrlLength);
        builder.Property(a => a.TokenUrl).HasMaxLength(AccountInputValidator.MaxUrlLength);
        builder.Property(a => a.OAuthClientId).HasMaxLength(AccountInputValidator.MaxOAuthClientIdLength);
        builder.Property(a => a.Platform).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.EndpointMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ErrorMessage).HasMaxLength(2000);
        builder.Property(a => a.CooldownReason).HasMaxLength(500);
        builder.Property(a => a.ProbeDetail).HasMaxLength(2000);
        builder.Property(a => a.ModelMapping).HasJsonConversion();
        builder.Property(a => a.PoolModeRetryStatusCodes)
            .HasField("_poolModeRetryStatusCodes")
            .UsePropertyAccessMode(PropertyAccessMode.Property)
            // Compared by content; never changed in place (the setter stores a new list), so its snapshot is itself.
            .HasConversion(
                v => v == null ? null : string.Join(",", v),
                v => v == null ? null : ParseStored(v),
                new ValueComparer<IReadOnlyList<int>?>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    v => v == null ? 0 : string.Join(",", v).GetHashCode(StringComparison.Ordinal),
                    v => v));
        builder.Property(a => a.PoolModeRetryCount).HasField("_poolModeRetryCount").UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasMany(a => a.Groups).WithMany(g => g.Accounts).UsingEntity(j => j.ToTable("account_groups"));
        builder.HasIndex(a => a.Name);
    }

    // Values read back from storage are normalised the same way as admin input, bad entries dropped.
    private static IReadOnlyList<int> ParseStored(string stored) =>
        PoolModeRetryStatusCodes.Normalize(stored
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var code) ? code : 0));
}
