namespace Gateway.Core.Persistence;

/// <summary>
/// Cuts string values to the maximum length their column is configured with (SPEC 8), for rows such as usage logs
/// where one long upstream-supplied value must not fail the insert. SQL Server refuses an over-long value; SQLite
/// would store it whole, so both providers end up with the same row. Keys, foreign keys and uniquely indexed values are
/// identities, not text: they are never cut (a cut one would point elsewhere or collide), so they still fail loudly.
/// </summary>
internal static class ColumnSizes
{
    public static void CutToFit(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.GetMaxLength() is { } maxLength && property.CurrentValue is string value && value.Length > maxLength
                && !property.Metadata.IsKey() && !property.Metadata.IsForeignKey() && !property.Metadata.IsUniqueIndex())
            {
                property.CurrentValue = TextCut.ToLength(value, maxLength);
            }
        }
    }
}
