namespace Gateway.Core.Security;

/// <summary>Encrypts account secrets at rest with ASP.NET Core Data Protection.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Gateway.AccountSecrets.v1");

    public string Protect(AccountSecret secret) => _protector.Protect(JsonSerializer.Serialize(secret));

    public AccountSecret Unprotect(string protectedSecret) =>
        JsonSerializer.Deserialize<AccountSecret>(_protector.Unprotect(protectedSecret)) ?? new AccountSecret();
}
