using System.Linq.Expressions;

namespace Gateway.Core.Persistence.Configurations;

/// <summary>
/// The columns of a secret stored as its SHA-256 hash beside a visible prefix (<see cref="KeyHasher"/>): an API key, an
/// admin token.
/// </summary>
internal static class HashedSecretConfiguration
{
    /// <summary>Sizes the hash and prefix columns and makes the hash unique: a presented secret is looked up by its hash.</summary>
    public static void HasHashedSecret<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, string>> hash, Expression<Func<T, string>> prefix)
        where T : class
    {
        var hashProperty = builder.Property(hash).HasMaxLength(KeyHasher.HashLength);
        builder.Property(prefix).HasMaxLength(32);
        builder.HasIndex(hashProperty.Metadata.Name).IsUnique();
    }
}
