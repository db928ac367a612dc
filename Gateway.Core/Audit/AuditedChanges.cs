namespace Gateway.Core.Audit;

/// <summary>Admin changes saved together with their audit entry, so no change is stored unrecorded.</summary>
internal static class AuditedChanges
{
    /// <summary>Deletes the row with <paramref name="id"/>, recorded by <paramref name="audit"/>; null when there is no such row.</summary>
    public static async Task<T?> DeleteAsync<T>(this GatewayDbContext db, long id, Func<T, AuditEntry> audit, CancellationToken ct)
        where T : class
    {
        if (await db.Set<T>().FindAsync([id], ct) is not { } row)
        {
            return null;
        }

        db.Remove(row);
        db.AuditEntries.Add(audit(row));
        await db.SaveChangesAsync(ct);
        return row;
    }
}
