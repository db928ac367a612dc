namespace Gateway.Core.TokenCounting;

/// <summary>A request's input token count and where it came from.</summary>
/// <param name="Account">The account whose upstream counted, when one did.</param>
public sealed record TokenCount(long InputTokens, TokenCountSource Source, long? Account = null);

/// <summary>Who counted: the upstream's own count endpoint, or the gateway's tokenizer.</summary>
public enum TokenCountSource
{
    Upstream,
    Local,
}
