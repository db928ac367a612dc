using Gateway.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Web.Console;

/// <summary>A console user as the users page lists it.</summary>
public sealed record ConsoleUserRow(string Id, string Email, string Role, DateTime CreatedAt, DateTimeOffset? LockedOutUntil);

/// <summary>
/// Lists, creates and deletes console users through Identity's <see cref="UserManager{TUser}"/>. Each
/// operation runs in its own scope, so no Identity store (and its DbContext) outlives a call.
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
    public async Task<IReadOnlyList<IdentityError>> CreateAsync(string email, string password, string role, CancellationToken ct)
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

        var added = await users.AddToRoleAsync(user, role);
        return [.. added.Errors];
    }

    /// <summary>Deletes a user unless it is the last admin, so the console never locks itself out.</summary>
    public async Task<UserDeletion> DeleteAsync(string id, CancellationToken ct)
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

        await users.DeleteAsync(user);
        return UserDeletion.Deleted;
    }
}

/// <summary>The outcome of deleting a console user.</summary>
public enum UserDeletion
{
    Deleted,
    NotFound,
    LastAdmin,
}
