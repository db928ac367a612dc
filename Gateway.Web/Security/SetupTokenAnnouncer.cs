namespace Gateway.Web.Security;

/// <summary>
/// Prints the one-time setup token at start-up while the first-run setup page is open, so only whoever can read the
/// gateway's log can create the first admin. Nothing is printed once an admin exists or the token was configured.
/// </summary>
internal sealed partial class SetupTokenAnnouncer(IServiceScopeFactory scopes, FirstRunSetup setup, ILogger<SetupTokenAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (setup.TokenToAnnounce is not { } token)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<FirstRunState>().IsSetupAllowedAsync(cancellationToken))
        {
            LogSetupToken(logger, token);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin exists yet: open /setup and enter the one-time setup token {SetupToken} to create the first admin")]
    private static partial void LogSetupToken(ILogger logger, string setupToken);
}
