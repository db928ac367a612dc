namespace Gateway.Core.Persistence;

/// <summary>Hands out the provider-specific context as the common <see cref="GatewayDbContext"/>.</summary>
internal sealed class GatewayDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<GatewayDbContext>
    where TContext : GatewayDbContext
{
    public GatewayDbContext CreateDbContext() => inner.CreateDbContext();
}
