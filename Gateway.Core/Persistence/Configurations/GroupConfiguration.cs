namespace Gateway.Core.Persistence.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("groups");
        builder.Property(g => g.Name).HasMaxLength(GroupAdminService.MaxNameLength);
        builder.Property(g => g.Description).HasMaxLength(GroupAdminService.MaxDescriptionLength);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.ApiKeys).WithOne(k => k.Group).HasForeignKey(k => k.GroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(ApiKeyAdminService.MaxNameLength);
        builder.HasHashedSecret(k => k.KeyHash, k => k.Prefix);
    }
}

internal sealed class ModelSuspensionConfiguration : IEntityTypeConfiguration<ModelSuspension>
{
    public void Configure(EntityTypeBuilder<ModelSuspension> builder)
    {
        builder.ToTable("model_suspensions");
        builder.Property(s => s.UpstreamModel).HasMaxLength(GatewayOptions.ModelColumnLength);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.HasIndex(s => new { s.AccountId, s.UpstreamModel }).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EndpointCacheEntryConfiguration : IEntityTypeConfiguration<EndpointCacheEntry>
{
    public void Configure(EntityTypeBuilder<EndpointCacheEntry> builder)
    {
        builder.ToTable("endpoint_cache");
        builder.Property(e => e.Model).HasMaxLength(GatewayOptions.ModelColumnLength);
        builder.Property(e => e.Protocol).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => new { e.AccountId, e.Model }).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
