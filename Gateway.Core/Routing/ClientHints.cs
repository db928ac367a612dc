namespace Gateway.Core.Routing;

/// <summary>
/// What a request says about its client for upstream protocol selection (SPEC 5.2): whether it is a Codex
/// client, and the protocol it explicitly asks for with <see cref="OverrideHeader"/>.
/// </summary>
public sealed record ClientHints(bool IsCodexClient, ApiProtocol? RequestedProtocol)
{
    /// <summary>Per-request override of the upstream protocol for <c>auto</c> accounts: <c>chat</c> or <c>responses</c>.</summary>
    public const string OverrideHeader = "x-gateway-upstream-protocol";

    public static ClientHints None { get; } = new(false, null);

    /// <param name="originator">The <c>originator</c> header Codex sends: <c>codex_cli_rs</c>, <c>codex_exec</c> (non-interactive runs), <c>codex_vscode</c>, any <c>codex_*</c>.</param>
    /// <param name="userAgent">The <c>User-Agent</c> header (Codex agents start it with their originator).</param>
    /// <param name="overrideHeader">
    /// The value of <see cref="OverrideHeader"/>; anything but <c>chat</c> or <c>responses</c> is ignored (it chooses between the
    /// protocols of OpenAI(-compatible) accounts; anthropic accounts only speak Messages).
    /// </param>
    public static ClientHints From(string? originator, string? userAgent, string? overrideHeader) =>
        new(IsCodex(originator) || IsCodex(userAgent),
            AccountEnumNames.TryParseProtocol(overrideHeader, out var protocol) && protocol != ApiProtocol.Messages ? protocol : null);

    private static bool IsCodex(string? value) =>
        value is not null && (value.StartsWith("codex_", StringComparison.OrdinalIgnoreCase) || value.StartsWith("codex-", StringComparison.OrdinalIgnoreCase) || value.StartsWith("codex/", StringComparison.OrdinalIgnoreCase));
}
