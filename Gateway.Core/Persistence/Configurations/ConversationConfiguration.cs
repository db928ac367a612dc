namespace Gateway.Core.Persistence.Configurations;

internal sealed class StoredResponseConfiguration : IEntityTypeConfiguration<StoredResponse>
{
    public void Configure(EntityTypeBuilder<StoredResponse> builder)
    {
        builder.ToTable("stored_responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(StoredResponseItem.IdMaxLength);
        builder.Property(r => r.ConversationId).HasMaxLength(StoredResponseItem.IdMaxLength);
        builder.Property(r => r.PreviousResponseId).HasMaxLength(StoredResponseItem.IdMaxLength);
        builder.HasMany(r => r.Items).WithOne(i => i.Response).HasForeignKey(i => i.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.KeyId, r.ConversationId });
        builder.HasIndex(r => r.LastUsedAt);
    }
}

internal sealed class StoredResponseItemConfiguration : IEntityTypeConfiguration<StoredResponseItem>
{
    public void Configure(EntityTypeBuilder<StoredResponseItem> builder)
    {
        builder.ToTable("stored_response_items");
        builder.Property(i => i.ResponseId).HasMaxLength(StoredResponseItem.IdMaxLength);
        builder.Property(i => i.ItemId).HasMaxLength(StoredResponseItem.IdMaxLength);
        builder.Property(i => i.Json).IsRequired();
        builder.HasIndex(i => new { i.KeyId, i.ItemId });
        builder.HasIndex(i => new { i.ResponseId, i.Position });
    }
}
