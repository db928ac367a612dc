namespace Gateway.Core.Accounts;

/// <summary>Manages groups and their member accounts for the console and the admin API.</summary>
public sealed class GroupAdminService(IDbContextFactory<GatewayDbContext> dbFactory, IAccountChangeNotifier changes, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public const int MaxDescriptionLength = 1000;

    public async Task<List<Group>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await WithMembers(db).OrderBy(g => g.Id).ToListAsync(ct);
    }

    public async Task<Group?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await WithMembers(db).FirstOrDefaultAsync(g => g.Id == id, ct);
    }

    // Accounts and keys in one query would read a row per account and key pair: one query each.
    private static IQueryable<Group> WithMembers(GatewayDbContext db) =>
        db.Groups.AsNoTracking().Include(g => g.Accounts).Include(g => g.ApiKeys).AsSplitQuery();

    /// <summary>Creates a group without members.</summary>
    public Task<AdminResult<Group>> CreateAsync(string? name, string? description, string actor, CancellationToken ct) => CreateAsync(name, description, null, actor, ct);

    /// <param name="accountIds">The member accounts; null for none.</param>
    public async Task<AdminResult<Group>> CreateAsync(string? name, string? description, IReadOnlyList<long>? accountIds, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, null, name, description, ct);
        var members = await LoadAccountsAsync(db, accountIds ?? [], errors, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Group>.Invalid(errors);
        }

        var group = new Group { Name = name!.Trim(), Description = description, CreatedAt = time.GetUtcNow().UtcDateTime, Accounts = members };
        db.Groups.Add(group);
        db.AuditEntries.Add(Audit(AuditActions.GroupCreated, group.Name, actor));
        await db.SaveChangesAsync(ct);
        NotifyMembersChanged(members.Select(a => a.Id));
        return AdminResult<Group>.Ok(group);
    }

    /// <param name="accountIds">The member accounts; null keeps the current ones.</param>
    public async Task<AdminResult<Group>> UpdateAsync(long id, string? name, string? description, IReadOnlyList<long>? accountIds, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Groups.Include(g => g.Accounts).Include(g => g.ApiKeys).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return AdminResult<Group>.NotFound();
        }

        var errors = await ValidateAsync(db, id, name, description, ct);
        var members = accountIds is null ? group.Accounts : await LoadAccountsAsync(db, accountIds, errors, ct);
        if (errors.Count > 0)
        {
            return AdminResult<Group>.Invalid(errors);
        }

        var changed = group.Accounts.Select(a => a.Id).ToHashSet();
        changed.SymmetricExceptWith(members.Select(a => a.Id));
        group.Name = name!.Trim();
        group.Description = description;
        group.Accounts = members;
        db.AuditEntries.Add(Audit(AuditActions.GroupUpdated, group.Name, actor));
        await db.SaveChangesAsync(ct);
        NotifyMembersChanged(changed);
        return AdminResult<Group>.Ok(group);
    }

    /// <summary>Deletes a group that no API key uses; answers an error message otherwise.</summary>
    public async Task<AdminResult<Group>> DeleteAsync(long id, string actor, CancellationToken ct)
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
        db.AuditEntries.Add(Audit(AuditActions.GroupDeleted, group.Name, actor));
        await db.SaveChangesAsync(ct);
        NotifyMembersChanged(accountIds);

        return AdminResult<Group>.Ok(group);
    }

    // Joining or leaving a group changes which keys an account serves: the pool must reload it.
    private void NotifyMembersChanged(IEnumerable<long> accountIds)
    {
        foreach (var accountId in accountIds)
        {
            changes.AccountChanged(new AccountChange(accountId, AccountChangeKind.Updated));
        }
    }

    private static async Task<List<Account>> LoadAccountsAsync(GatewayDbContext db, IReadOnlyList<long> ids, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var accounts = await db.Accounts.Where(a => distinct.Contains(a.Id)).ToListAsync(ct);
        var missing = distinct.Except(accounts.Select(a => a.Id)).ToList();
        if (missing.Count > 0)
        {
            errors["account_ids"] = [$"Unknown account id(s): {string.Join(", ", missing)}."];
        }

        return accounts;
    }

    /// <summary>
    /// What creating (<paramref name="id"/> null) or updating the group with these values would refuse, without saving:
    /// for an answer that names every bad field, those the request could not even read among them.
    /// </summary>
    public async Task<Dictionary<string, List<string>>> ValidateAsync(long? id, string? name, string? description, IReadOnlyList<long>? accountIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, id, name, description, ct);
        await LoadAccountsAsync(db, accountIds ?? [], errors, ct);
        return errors;
    }

    private static async Task<Dictionary<string, List<string>>> ValidateAsync(GatewayDbContext db, long? id, string? name, string? description, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        if (description?.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"Description must be at most {MaxDescriptionLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name is required."];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Name must be at most {MaxNameLength} characters."];
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

    private AuditEntry Audit(string action, string name, string actor) =>
        new() { CreatedAt = time.GetUtcNow().UtcDateTime, Action = action, Detail = name, Actor = actor };
}
