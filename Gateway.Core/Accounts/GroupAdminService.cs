using Gateway.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Core.Accounts;

/// <summary>Manages groups for the console and the admin API.</summary>
public sealed class GroupAdminService(IDbContextFactory<GatewayDbContext> dbFactory, IAccountChangeNotifier changes, TimeProvider time)
{
    public async Task<List<Group>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Groups.AsNoTracking().Include(g => g.Accounts).Include(g => g.ApiKeys).OrderBy(g => g.Id).ToListAsync(ct);
    }

    public async Task<AdminResult<Group>> CreateAsync(string? name, string? description, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, null, name, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Group>.Invalid(errors);
        }

        var group = new Group { Name = name!.Trim(), Description = description, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return AdminResult<Group>.Ok(group);
    }

    public async Task<AdminResult<Group>> UpdateAsync(long id, string? name, string? description, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Groups.Include(g => g.Accounts).Include(g => g.ApiKeys).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return AdminResult<Group>.NotFound();
        }

        var errors = await ValidateAsync(db, id, name, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Group>.Invalid(errors);
        }

        group.Name = name!.Trim();
        group.Description = description;
        await db.SaveChangesAsync(ct);
        return AdminResult<Group>.Ok(group);
    }

    /// <summary>Deletes a group that no API key uses; answers an error message otherwise.</summary>
    public async Task<AdminResult<Group>> DeleteAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Groups.Include(g => g.Accounts).Include(g => g.ApiKeys).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return AdminResult<Group>.NotFound();
        }

        if (group.ApiKeys.Count > 0)
        {
            return AdminResult<Group>.Invalid(new Dictionary<string, List<string>>
            {
                ["id"] = [$"The group still has {group.ApiKeys.Count} API key(s); delete or move them first."],
            });
        }

        var accountIds = group.Accounts.Select(a => a.Id).ToList();
        db.Groups.Remove(group);
        await db.SaveChangesAsync(ct);
        foreach (var accountId in accountIds)
        {
            changes.AccountChanged(new AccountChange(accountId, AccountChangeKind.Updated));
        }

        return AdminResult<Group>.Ok(group);
    }

    private static async Task<Dictionary<string, List<string>>> ValidateAsync(GatewayDbContext db, long? id, string? name, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name is required."];
        }
        else if (name.Trim().Length > 200)
        {
            errors["name"] = ["Name must be at most 200 characters."];
        }
        else
        {
            var trimmed = name.Trim();
            if (await db.Groups.AnyAsync(g => g.Name == trimmed && g.Id != id, ct))
            {
                errors["name"] = [$"A group named '{trimmed}' already exists."];
            }
        }

        return errors;
    }
}
