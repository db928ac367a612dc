namespace Gateway.Web.Security;

/// <summary>
/// Creates the console roles and, when <c>Admin:Email</c> and <c>Admin:Password</c> are configured
/// and that user does not exist yet, the first admin.
/// </summary>
internal sealed partial class AdminBootstrapper(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AdminBootstrapper> logger) : IHostedService
{
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

        var email = configuration["Admin:Email"];
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

        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The configured admin could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, AdminRoles.Admin);
        LogAdminCreated(logger, email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the configured admin {Email}.")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
