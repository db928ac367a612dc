namespace Gateway.Core.Probes;

/// <summary>
/// The admin's "test connection" (SPEC 7.1): one tiny request through the stored account, or through
/// settings not saved yet, over the chosen protocol, now, reported with status, latency and reply. It
/// bypasses scheduling (a disabled or cooling account can be tested) and never changes the account's state.
/// </summary>
internal sealed class AccountConnectionTester(IDbContextFactory<GatewayDbContext> dbFactory, SecretProtector secrets, UpstreamPing ping) : IAccountConnectionTester
{
    public async Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, string? model, CancellationToken cancellationToken)
    {
        var account = await LoadAsync(accountId, cancellationToken);
        return account is null ? null : await SendAsync(account, StoredSecret(account), protocol, model, cancellationToken);
    }

    public async Task<ConnectionTestResult> TestAsync(ConnectionDraft draft, ApiProtocol protocol, string? model, CancellationToken cancellationToken)
    {
        var account = new Account
        {
            Name = "connection test",
            Platform = draft.Platform,
            Type = draft.Type,
            BaseUrl = draft.BaseUrl.Trim(),
            ModelMapping = draft.ModelMapping.ToDictionary(p => p.Key, p => p.Value),
        };
        // The stored secret is only sent where it was entered for: a draft pointing elsewhere is tested without it.
        var secret = !string.IsNullOrWhiteSpace(draft.Secret)
            ? draft.Type == AccountType.ApiKey ? new AccountSecret { ApiKey = draft.Secret.Trim() } : new AccountSecret { AccessToken = draft.Secret.Trim() }
            : draft.StoredAccountId is { } id && await LoadAsync(id, cancellationToken) is { } stored && AccountConnectionRules.KeepsConnection(stored, draft.BaseUrl, draft.Platform)
                ? StoredSecret(stored)
                : new AccountSecret();
        return await SendAsync(account, secret, protocol, model, cancellationToken);
    }

    private async Task<Account?> LoadAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
    }

    private AccountSecret StoredSecret(Account account) =>
        account.ProtectedSecret is null ? new AccountSecret() : secrets.Unprotect(account.ProtectedSecret);

    private async Task<ConnectionTestResult> SendAsync(Account account, AccountSecret secret, ApiProtocol protocol, string? model, CancellationToken cancellationToken)
    {
        var spoken = SpokenBy(account, protocol);
        var result = await ping.SendAsync(account, secret, spoken, model, cancellationToken);
        return new ConnectionTestResult(result.Status is >= 200 and < 300, result.Status, (int)result.Latency.TotalMilliseconds, result.Detail, result.Model, result.Reply, spoken);
    }

    private static ApiProtocol SpokenBy(Account account, ApiProtocol requested) => account.Platform == AccountPlatform.Anthropic
        ? ApiProtocol.Messages
        : requested == ApiProtocol.Messages ? ApiProtocol.Chat : requested;
}
