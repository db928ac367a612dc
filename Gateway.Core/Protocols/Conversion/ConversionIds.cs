namespace Gateway.Core.Protocols.Conversion;

/// <summary>Ids for objects a conversion has to invent, in the prefixes each protocol's clients expect.</summary>
internal static class ConversionIds
{
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Reuses an upstream id under the client protocol's prefix, so logs on both sides can be matched.</summary>
    public static string Rebase(string? upstreamId, string fromPrefix, string toPrefix)
    {
        if (string.IsNullOrEmpty(upstreamId))
        {
            return New(toPrefix);
        }

        return toPrefix + (upstreamId.StartsWith(fromPrefix, StringComparison.Ordinal) ? upstreamId[fromPrefix.Length..] : upstreamId);
    }
}
