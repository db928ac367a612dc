namespace Gateway.Core.Protocols.Conversion;

/// <summary>What a conversion does with one request parameter of the client's API.</summary>
internal enum ParameterFate
{
    /// <summary>Same name and meaning in the upstream's API: copied as it is.</summary>
    Copy,

    /// <summary>Expressed differently upstream: rewritten by the converter into <see cref="ParameterRule.Targets"/>.</summary>
    Convert,

    /// <summary>No meaning upstream, or applied by the gateway itself: left out.</summary>
    Drop,

    /// <summary>Names server-side state the upstream cannot have: the request is answered 400 rather than silently changed.</summary>
    Reject,
}

/// <summary>One row of a direction's parameter table: a client parameter, its fate, and what it becomes upstream.</summary>
internal sealed record ParameterRule(string Name, ParameterFate Fate, string[] Targets, string Note)
{
    /// <summary>Only the OpenAI platform's own API accepts the target; for OpenAI-compatible providers the parameter is dropped.</summary>
    public bool OpenAiOnly { get; init; }

    /// <summary>The error code a <see cref="ParameterFate.Reject"/> answers with, where the client's API names one of its own.</summary>
    public string Code { get; init; } = "unsupported_parameter";

    /// <summary>The row every direction's table starts with: the model, copied under the name model mapping gives it.</summary>
    public static ParameterRule MappedModel { get; } = Copy("model", "mapped to the account's upstream model");

    public static ParameterRule Copy(string name, string note = "") => new(name, ParameterFate.Copy, [name], note);

    public static ParameterRule Convert(string name, string note, params string[] targets) => new(name, ParameterFate.Convert, targets, note);

    public static ParameterRule Drop(string name, string note) => new(name, ParameterFate.Drop, [], note);

    public static ParameterRule Reject(string name, string note) => new(name, ParameterFate.Reject, [], note);
}

/// <summary>
/// A direction's parameter table (SPEC 5.3): every request parameter of the client's API and what happens to it on the way
/// to the other API, so a converted request carries only parameters its target accepts. A parameter not in the table
/// (a vendor extension, a typo) is dropped as well. The rows double as the list of parameters the client's API accepts.
/// </summary>
internal sealed class ParameterTable
{
    private readonly FrozenDictionary<string, ParameterRule> _byName;

    public ParameterTable(IReadOnlyList<ParameterRule> rules)
    {
        Rules = rules;
        _byName = rules.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ParameterRule> Rules { get; }

    /// <summary>The parameter names of the client's API.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The parameters copied unchanged, in the client's order; OpenAI-only ones only when the upstream is OpenAI itself.</summary>
    public JsonObject CopyThrough(JsonObject request, bool openAiUpstream)
    {
        var result = new JsonObject();
        foreach (var (name, value) in request)
        {
            if (_byName.TryGetValue(name, out var rule) && rule.Fate == ParameterFate.Copy && (openAiUpstream || !rule.OpenAiOnly) && value is not null)
            {
                result[name] = value.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Throws for a parameter the upstream's API cannot honour without losing the request's meaning.</summary>
    public void RejectUnsupported(JsonObject request)
    {
        foreach (var (name, value) in request)
        {
            if (value is not null && _byName.TryGetValue(name, out var rule) && rule.Fate == ParameterFate.Reject)
            {
                throw new ConversionRejectedException($"'{name}' cannot be served by this upstream: {rule.Note}", rule.Code, name);
            }
        }
    }
}
