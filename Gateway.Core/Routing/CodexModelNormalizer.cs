namespace Gateway.Core.Routing;

/// <summary>
/// Codex model normalisation for oauth accounts (SPEC 5.4): strips a <c>provider/</c> prefix, maps
/// reasoning-effort aliases (<c>gpt-5-codex-high</c>, <c>gpt-5.1-codex-max-xhigh</c>) and legacy codex names
/// to the base model the upstream knows, and returns the effort the alias implied. Unknown names pass unchanged.
/// </summary>
public static class CodexModelNormalizer
{
    private static readonly string[] EffortSuffixes = ["none", "minimal", "low", "medium", "high", "xhigh"];

    /// <summary>Names the Codex backend serves; an effort suffix is only stripped when what remains is one of them.</summary>
    private static readonly HashSet<string> BaseModels = new(StringComparer.OrdinalIgnoreCase)
    {
        "gpt-5", "gpt-5-codex", "gpt-5-codex-mini",
        "gpt-5.1", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.1-codex-max",
        "gpt-5.2", "gpt-5.2-codex",
    };

    /// <summary>Retired or informal names → their current base model.</summary>
    private static readonly Dictionary<string, string> Legacy = new(StringComparer.OrdinalIgnoreCase)
    {
        ["codex-mini-latest"] = "gpt-5-codex-mini",
        ["codex-mini"] = "gpt-5-codex-mini",
        ["codex"] = "gpt-5-codex",
        ["gpt-5-codex-latest"] = "gpt-5-codex",
    };

    public static CodexModel Normalize(string model)
    {
        var name = model.Trim();
        name = name[(name.LastIndexOf('/') + 1)..];

        // Informal spellings such as "gpt 5 codex" name the same model.
        var key = name.Replace(' ', '-');
        if (Known(key) is { } known)
        {
            return new CodexModel(known, null);
        }

        foreach (var effort in EffortSuffixes)
        {
            if (key.EndsWith("-" + effort, StringComparison.OrdinalIgnoreCase) && Known(key[..^(effort.Length + 1)]) is { } stem)
            {
                return new CodexModel(stem, effort);
            }
        }

        return new CodexModel(name, null);
    }

    private static string? Known(string key) =>
        Legacy.TryGetValue(key, out var current) ? current : BaseModels.Contains(key) ? key.ToLowerInvariant() : null;

    /// <summary>
    /// Keeps the reasoning effort an alias such as <c>gpt-5-codex-high</c> asked for, once the name is normalised:
    /// sets it on the body of <paramref name="protocol"/> (Chat or Responses) unless the body names an effort already.
    /// </summary>
    public static void ApplyImpliedEffort(JsonObject body, ApiProtocol protocol, string model)
    {
        if (protocol == ApiProtocol.Messages || Normalize(model).Effort is not { } effort)
        {
            return;
        }

        if (protocol == ApiProtocol.Chat)
        {
            body["reasoning_effort"] ??= effort;
        }
        else if (body["reasoning"] is JsonObject reasoning)
        {
            reasoning["effort"] ??= effort;
        }
        else
        {
            body["reasoning"] = new JsonObject { ["effort"] = effort };
        }
    }

    /// <summary>Whether a model name belongs to the Codex family (prefers the Responses protocol, SPEC 5.2).</summary>
    public static bool IsCodexModel(string model) => Normalize(model).Model.Contains("codex", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A normalised Codex model and the reasoning effort its alias implied, if any.</summary>
public readonly record struct CodexModel(string Model, string? Effort);
