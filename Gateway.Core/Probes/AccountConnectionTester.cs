using Gateway.Core.Accounts;
using Gateway.Core.Persistence;
using Gateway.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Core.Probes;

/// <summary>
/// The admin's "test connection" (SPEC 7.1): one tiny request through the stored account over the chosen
/// protocol, now, reported with status and latency. It bypasses scheduling (a disabled or cooling account
/// can be tested) and never changes the account's state.
/// </summary>
internal sealed class AccountConnectionTester(IDbContextFactory<GatewayDbContext> dbFactory, SecretProtector secrets, UpstreamPing ping) : IAccountConnectionTester
{
    public async Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, CancellationToken cancellationToken)
    {
        Account? account;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        }

        if (account is null)
        {
            return null;
        }

        var secret = account.ProtectedSecret is null ? new AccountSecret() : secrets.Unprotect(account.ProtectedSecret);
        var spoken = SpokenBy(account, protocol);
        var result = await ping.SendAsync(account, secret, spoken, cancellationToken);
        return new ConnectionTestResult(result.Status is >= 200 and < 300, result.Status, (int)result.Latency.TotalMilliseconds, result.Detail, spoken);
    }

    private static ApiProtocol SpokenBy(Account account, ApiProtocol requested) => account.Platform == AccountPlatform.Anthropic
        ? ApiProtocol.Messages
        : requested == ApiProtocol.Messages ? ApiProtocol.Chat : requested;
}
