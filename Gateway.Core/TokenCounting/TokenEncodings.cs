namespace Gateway.Core.TokenCounting;

/// <summary>
/// Which tiktoken encoding a model name uses: <c>o200k_base</c> for current OpenAI models, <c>cl100k_base</c> for the
/// GPT-4 / GPT-3.5 generation and the older embeddings. A model of another vendor has no public tiktoken encoding;
/// o200k is the closest modern estimate, so it is the default.
/// </summary>
internal static class TokenEncodings
{
    public const string O200k = "o200k_base";
    public const string Cl100k = "cl100k_base";

    // Order matters: "gpt-4o" and "gpt-4.1" must match before "gpt-4".
    private static readonly (string Prefix, string Encoding)[] ByPrefix =
    [
        ("gpt-4o", O200k), ("chatgpt-4o", O200k), ("gpt-4.1", O200k), ("gpt-4.5", O200k), ("gpt-5", O200k), ("gpt-oss", O200k),
        ("o1", O200k), ("o3", O200k), ("o4", O200k), ("codex", O200k),
        ("gpt-4", Cl100k), ("gpt-3.5", Cl100k), ("gpt-35", Cl100k), ("text-embedding-3", Cl100k), ("text-embedding-ada-002", Cl100k),
    ];

    public static string For(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return O200k;
        }

        // "openai/gpt-4o" and similar router names carry the vendor in front.
        var name = model[(model.LastIndexOf('/') + 1)..].Trim();
        foreach (var (prefix, encoding) in ByPrefix)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return encoding;
            }
        }

        return O200k;
    }
}
