namespace Gateway.Core.Protocols.Conversion;

/// <summary>How a client learns that its request lost hosted tools on the way to an upstream that cannot run them (SPEC 5.3).</summary>
public static class DroppedTools
{
    /// <summary>Response header naming the dropped tool types, comma-separated, e.g. <c>web_search, tool_search</c>.</summary>
    public const string HeaderName = "x-gateway-dropped";
}
