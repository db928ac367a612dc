namespace Gateway.Web.Console;

/// <summary>A console user as the users page lists it.</summary>
public sealed record ConsoleUserRow(string Id, string Email, string Role, DateTime CreatedAt, DateTimeOffset? LockedOutUntil);

/// <summary>
/// Lists, creates, changes and deletes console users through Identity's <see cref="UserManager{TUser}"/>. Each
/// operation runs in its own scope, so no Identity store (and its DbContext) outlives a call. Deleting a user or
/// changing its role or password ends its sessions; deleting an admin or making it a viewer also deletes the admin API
/// tokens it created, which would otherwise keep its rights. Every change is saved with its audit entry, naming the
/// acting admin and the user (never the password).
/// </summary>
public sealed class ConsoleUsers(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The roles a console user can be given.</summary>
    public static IReadOnlyList<string> Roles { get; } = [AdminRoles.Admin, AdminRoles.Viewer];

    public async Task<List<ConsoleUserRow>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admins = (await users.GetUsersInRoleAsync(AdminRoles.Admin)).Select(u => u.Id).ToHashSet();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return [.. all.Select(u => new ConsoleUserRow(u.Id, u.Email ?? u.UserName ?? "", admins.Contains(u.Id) ? AdminRoles.Admin : AdminRoles.Viewer, u.CreatedAt, u.LockoutEnd))];
    }

    /// <summary>Creates a user with one role; answers Identity's errors (code and localised description) when it refuses.</summary>
    public async Task<IReadOnlyList<IdentityError>> CreateAsync(string email, string password, string role, string actor, CancellationToken ct)
    {
        if (!Roles.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown console role.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = new AdminUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors];
        }

        var added = await AuditedAsync(scope, AuditActions.UserCreated, RoleDetail(user.Email, role), actor, () => users.AddToRoleAsync(user, role));
        return [.. added.Errors];
    }

    /// <summary>Deletes a user unless it is the last admin, so the console never locks itself out.</summary>
    public async Task<UserDeletion> DeleteAsync(string id, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return UserDeletion.NotFound;
        }

        if (await users.IsInRoleAsync(user, AdminRoles.Admin) && (await users.GetUsersInRoleAsync(AdminRoles.Admin)).Count <= 1)
        {
            return UserDeletion.LastAdmin;
        }

        var stamp = await users.GetSecurityStampAsync(user);
        await AuditedAsync(scope, AuditActions.UserDeleted, user.Email, actor, () => users.DeleteAsync(user));
        scope.ServiceProvider.GetRequiredService<SessionRevocations>().Revoke(stamp);
        await RevokeTokensAsync(scope, user, actor, ct);
        return UserDeletion.Deleted;
    }

    /// <summary>
    /// Gives a user one role instead of the other, unless that takes the last admin's rights. The user's sessions end
    /// (a new security stamp): rights are read from the cookie, so they must be signed in again to have the new ones.
    /// </summary>
    public async Task<RoleChange> SetRoleAsync(string id, string role, string actor, CancellationToken ct)
    {
        if (!Roles.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown console role.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return RoleChange.NotFound;
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(AdminRoles.Admin) && role != AdminRoles.Admin && (await users.GetUsersInRoleAsync(AdminRoles.Admin)).Count <= 1)
        {
            return RoleChange.LastAdmin;
        }

        var stamp = await users.GetSecurityStampAsync(user);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await AuditedAsync(scope, AuditActions.UserRoleChanged, RoleDetail(user.Email, role), actor, () => users.UpdateSecurityStampAsync(user));
        scope.ServiceProvider.GetRequiredService<SessionRevocations>().Revoke(stamp);
        if (role != AdminRoles.Admin)
        {
            await RevokeTokensAsync(scope, user, actor, ct);
        }

        return RoleChange.Changed;
    }

    // Tokens name their creator as the console's principal does: by user name.
    private static async Task RevokeTokensAsync(AsyncServiceScope scope, AdminUser user, string actor, CancellationToken ct)
    {
        if (user.UserName is { } name)
        {
            await scope.ServiceProvider.GetRequiredService<AdminTokenService>().DeleteCreatedByAsync(name, actor, ct);
        }
    }

    /// <summary>Sets a user's password (Identity's rules apply); the user's sessions end. Answers Identity's errors when it refuses.</summary>
    public async Task<IReadOnlyList<IdentityError>> SetPasswordAsync(string id, string password, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return [new IdentityError { Code = nameof(RoleChange.NotFound), Description = "No such user." }];
        }

        // The reset changes the security stamp as well as the password.
        var stamp = await users.GetSecurityStampAsync(user);
        var resetToken = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await AuditedAsync(scope, AuditActions.UserPasswordSet, user.Email, actor, () => users.ResetPasswordAsync(user, resetToken, password));
        if (reset.Succeeded)
        {
            scope.ServiceProvider.GetRequiredService<SessionRevocations>().Revoke(stamp);
        }

        return [.. reset.Errors];
    }

    /// <summary>The email and the role the detail of an entry that gave a user a role names; null for any other detail.</summary>
    public static (string Email, string Role)? ReadRoleDetail(string? detail) =>
        Roles.FirstOrDefault(role => detail is not null && detail.EndsWith(RoleDetail("", role), StringComparison.Ordinal)) is { } given
            ? (detail![..^RoleDetail("", given).Length], given)
            : null;

    // An entry that gives a user a role names the user and the role, which ReadRoleDetail reads back.
    private static string RoleDetail(string? email, string role) => $"{email} ({role})";

    /// <summary>
    /// Runs an Identity change whose (last) save also writes its audit entry: Identity saves through the scope's
    /// context, which holds the entry until then. A refused change leaves no entry behind.
    /// </summary>
    private async Task<IdentityResult> AuditedAsync(AsyncServiceScope scope, string action, string? detail, string actor, Func<Task<IdentityResult>> change)
    {
        var entry = scope.ServiceProvider.GetRequiredService<GatewayDbContext>().AuditEntries
            .Add(new AuditEntry { CreatedAt = time.GetUtcNow().UtcDateTime, Action = action, Detail = detail, Actor = actor });
        var result = await change();
        if (!result.Succeeded)
        {
            entry.State = EntityState.Detached;
        }

        return result;
    }
}

/// <summary>The outcome of changing a console user's role.</summary>
public enum RoleChange
{
    Changed,
    NotFound,
    LastAdmin,
}

/// <summary>The outcome of deleting a console user.</summary>
public enum UserDeletion
{
    Deleted,
    NotFound,
    LastAdmin,
}
