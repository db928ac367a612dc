namespace Gateway.Web.Security;

/// <summary>
/// Creates the console roles and, when <c>Admin:Email</c> and <c>Admin:Password</c> are configured
/// and that user does not exist yet, the first admin (its audit entry's actor: <see cref="Actor"/>).
/// </summary>
internal sealed partial class AdminBootstrapper(IServiceScopeFactory scopes, ConsoleUsers consoleUsers, IConfiguration configuration, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public const string Actor = "configuration";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { AdminRoles.Admin, AdminRoles.Viewer })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["Admin:Email"]?.Trim();
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var refused = await consoleUsers.CreateAsync(email, password, AdminRoles.Admin, Actor, cancellationToken);
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("The configured admin could not be created: " + string.Join(" ", refused.Select(e => e.Description)));
        }

        LogAdminCreated(logger, email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the configured admin {Email}.")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
