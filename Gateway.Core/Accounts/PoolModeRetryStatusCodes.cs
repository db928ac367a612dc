namespace Gateway.Core.Accounts;

/// <summary>
/// Normalisation and defaults of the per-account <c>pool_mode_retry_status_codes</c> option (SPEC 4.1):
/// integers or numeric strings, kept in 100..599, deduplicated and sorted.
/// </summary>
public static class PoolModeRetryStatusCodes
{
    public const int MinStatus = 100;
    public const int MaxStatus = 599;

    /// <summary>The statuses retried on the same account when an account does not configure its own list.</summary>
    public static IReadOnlyList<int> Default { get; } = [401, 403, 429];

    /// <summary>The default-only decision, kept for callers that have no account at hand.</summary>
    public static bool IsDefaultRetryableStatus(int status) => status is 401 or 403 or 429;

    /// <summary>
    /// Parses admin input (one raw entry per element). Returns the normalised list, or the bad entries,
    /// each described so the admin can find it.
    /// </summary>
    public static ParseResult Parse(IEnumerable<string> entries)
    {
        var codes = new SortedSet<int>();
        var errors = new List<string>();
        foreach (var raw in entries)
        {
            switch (Check(raw, out var code))
            {
                case EntryProblem.NotANumber:
                    errors.Add($"'{raw}' is not a number");
                    break;
                case EntryProblem.OutOfRange:
                    errors.Add($"{code} is outside {MinStatus}..{MaxStatus}");
                    break;
                default:
                    codes.Add(code);
                    break;
            }
        }

        return new ParseResult([.. codes], errors);
    }

    /// <summary>What is wrong with one entry as typed, if anything; <paramref name="code"/> is its number when it has one.</summary>
    public static EntryProblem Check(string entry, out int code)
    {
        if (!int.TryParse(entry.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code))
        {
            return EntryProblem.NotANumber;
        }

        return code is < MinStatus or > MaxStatus ? EntryProblem.OutOfRange : EntryProblem.None;
    }

    /// <summary>Parses the console's comma-separated input; an empty text is an explicit empty list.</summary>
    public static ParseResult ParseCommaSeparated(string text) =>
        Parse(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Parses a JSON array of integers or numeric strings, as the admin API accepts it.</summary>
    public static ParseResult ParseJson(JsonElement array)
    {
        var entries = new List<string>();
        var errors = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Number:
                    entries.Add(item.GetRawText());
                    break;
                case JsonValueKind.String:
                    entries.Add(item.GetString()!);
                    break;
                default:
                    errors.Add($"{item.GetRawText()} is not a number");
                    break;
            }
        }

        var parsed = Parse(entries);
        return parsed with { Errors = [.. errors, .. parsed.Errors] };
    }

    /// <summary>Normalises values read back from storage: bad entries are dropped, never trusted.</summary>
    public static IReadOnlyList<int> Normalize(IEnumerable<int> codes) =>
        [.. codes.Where(c => c is >= MinStatus and <= MaxStatus).Distinct().Order()];

    /// <summary>The comma-separated form shown in the console.</summary>
    public static string Format(IEnumerable<int> codes) => string.Join(", ", codes);

    /// <summary>Why an entry is not a retry status code.</summary>
    public enum EntryProblem
    {
        None,
        NotANumber,
        OutOfRange,
    }

    /// <summary>The outcome of parsing admin input.</summary>
    public sealed record ParseResult(IReadOnlyList<int> Codes, IReadOnlyList<string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }
}
