namespace Gateway.Web.Security;

/// <summary>The outcome of a first-run setup attempt.</summary>
internal enum FirstRunOutcome
{
    Created,
    WrongToken,
    Closed,
    Refused,
}

/// <summary>
/// Tells whether the first-run setup page may create the first admin, and creates it: once, ever. Attempts are
/// serialised in this process by <see cref="FirstRunSetup.Lock"/>, and across instances by a marker setting whose key
/// only one insert can take; the marker stays, so the page never creates an admin again, even after that one is deleted.
/// </summary>
internal sealed class FirstRunState(UserManager<AdminUser> users, ConsoleUsers consoleUsers, GatewayDbContext db, FirstRunSetup setup, IConfiguration configuration, TimeProvider time)
{
    /// <summary>The setting that records that the first-run setup has been used.</summary>
    public const string MarkerKey = "first_run_setup_done";

    /// <summary>The actor of the first admin's audit entry.</summary>
    public const string Actor = "setup";

    /// <summary>True when no admin is configured, none exists yet and the setup page was never used.</summary>
    public async Task<bool> IsSetupAllowedAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Admin:Email"]))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(AdminRoles.Admin);
        return admins.Count == 0 && !await users.Users.AnyAsync(ct) && !await db.Settings.AnyAsync(s => s.Key == MarkerKey, ct);
    }

    /// <summary>Creates the first admin when the token matches and setup is still open; Identity's errors when it refuses the user.</summary>
    public async Task<(FirstRunOutcome Outcome, IReadOnlyList<IdentityError> Errors)> CreateFirstAdminAsync(string email, string password, string? token, CancellationToken ct)
    {
        if (!setup.Matches(token))
        {
            return (FirstRunOutcome.WrongToken, []);
        }

        await setup.Lock.WaitAsync(ct);
        try
        {
            if (!await IsSetupAllowedAsync(ct) || !await TakeMarkerAsync(ct))
            {
                return (FirstRunOutcome.Closed, []);
            }

            var refused = await consoleUsers.CreateAsync(email, password, AdminRoles.Admin, Actor, ct);
            if (refused.Count > 0)
            {
                // A refused password must not close the page for good.
                await db.Settings.Where(s => s.Key == MarkerKey).ExecuteDeleteAsync(ct);
                return (FirstRunOutcome.Refused, refused);
            }

            return (FirstRunOutcome.Created, []);
        }
        finally
        {
            setup.Lock.Release();
        }
    }

    // One insert of the key wins, whichever instance makes it.
    private async Task<bool> TakeMarkerAsync(CancellationToken ct)
    {
        var marker = db.Settings.Add(new Setting { Key = MarkerKey, Value = "true", UpdatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            marker.State = EntityState.Detached;
            return false;
        }
    }
}
