namespace Gateway.Core.Routing;

/// <summary>
/// Maps a requested model to an account's upstream model (SPEC 2): exact keys and keys with a trailing
/// <c>*</c> wildcard, the longest match wins. An account without a mapping accepts any model unchanged;
/// an account with one serves only the models it maps.
/// </summary>
public static class ModelMapper
{
    /// <summary>The upstream model for <paramref name="model"/>; unchanged when nothing matches.</summary>
    public static string Map(IReadOnlyDictionary<string, string> mapping, string model) =>
        TryMap(mapping, model, out var upstream) ? upstream : model;

    /// <summary>The model an account is sent: its mapping applied, then Codex normalisation for oauth accounts (SPEC 5.4).</summary>
    public static string ForAccount(Account account, string model)
    {
        var mapped = Map(account.ModelMapping, model);
        return account.Type == AccountType.OAuth ? CodexModelNormalizer.Normalize(mapped).Model : mapped;
    }

    /// <summary>Whether an account with this mapping serves <paramref name="model"/>.</summary>
    public static bool Serves(IReadOnlyDictionary<string, string> mapping, string model) =>
        mapping.Count == 0 || TryMap(mapping, model, out _);

    private static bool TryMap(IReadOnlyDictionary<string, string> mapping, string model, out string upstream)
    {
        if (mapping.TryGetValue(model, out var exact))
        {
            upstream = exact;
            return true;
        }

        string? best = null;
        var bestLength = -1;
        foreach (var (pattern, target) in mapping)
        {
            if (pattern.EndsWith('*')
                && pattern.Length - 1 > bestLength
                && model.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal))
            {
                best = target;
                bestLength = pattern.Length - 1;
            }
        }

        upstream = best ?? model;
        return best is not null;
    }
}
