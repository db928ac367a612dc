using System.Text.RegularExpressions;

namespace Gateway.Core.Policies;

/// <summary>
/// When an upstream says it can be asked again: <c>Retry-After</c> (seconds or HTTP date) or <c>retry-after-ms</c> on an
/// HTTP answer; the reset hints of an error reported inside a 2xx answer.
/// </summary>
public static partial class RetryAfter
{
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static TimeSpan? Parse(string? retryAfter, string? retryAfterMs, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date > now
            ? date - now
            : null;
    }

    /// <summary>
    /// When a rate-limited Anthropic account may be asked again without a <c>Retry-After</c>: the latest reset among its limits
    /// that are used up (remaining 0), or among all it named when none says so. Resets are RFC 3339 times; past ones are ignored.
    /// </summary>
    public static TimeSpan? FromRateLimitResets(IEnumerable<RateLimitReset> limits, DateTimeOffset now)
    {
        var named = limits.Where(l => l.Reset is not null).ToList();
        var usedUp = named.Where(l => l.Remaining?.Trim() == "0").ToList();
        TimeSpan? latest = null;
        foreach (var limit in usedUp.Count > 0 ? usedUp : named)
        {
            if (DateTimeOffset.TryParse(limit.Reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now
                && (latest is null || at - now > latest))
            {
                latest = at - now;
            }
        }

        return latest;
    }

    /// <summary>
    /// The reset hint of a reported error: Codex's <c>resets_in_seconds</c> / <c>resets_at</c> (Unix seconds), else
    /// OpenAI's "Please try again in 1.5s" / "in 20ms" / "in 1m30s" in the message.
    /// </summary>
    public static TimeSpan? FromReported(double? resetsInSeconds, long? resetsAtUnixSeconds, string? message, DateTimeOffset now)
    {
        if (resetsInSeconds is { } inSeconds && inSeconds > 0 && inSeconds < TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(inSeconds);
        }

        if (resetsAtUnixSeconds is { } at && at > now.ToUnixTimeSeconds() && at < MaxUnixSeconds)
        {
            return DateTimeOffset.FromUnixTimeSeconds(at) - now;
        }

        if (message is null || TryAgainIn().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var minutes = match.Groups["m"].Success ? double.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var value = match.Groups["v"].Success ? double.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture) : 0;
        var wait = TimeSpan.FromMinutes(minutes) + (match.Groups["unit"].Value == "ms" ? TimeSpan.FromMilliseconds(value) : TimeSpan.FromSeconds(value));
        return wait > TimeSpan.Zero ? wait : null;
    }

    [GeneratedRegex(@"try again in (?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<v>\d+(?:\.\d+)?)(?<unit>ms|s))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TryAgainIn();
}

/// <summary>One rate limit's <c>…-reset</c> time and <c>…-remaining</c> count as the upstream sent them.</summary>
public readonly record struct RateLimitReset(string? Reset, string? Remaining);
