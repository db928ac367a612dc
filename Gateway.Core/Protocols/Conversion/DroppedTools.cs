using System.Text.RegularExpressions;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>How a client learns that its request lost hosted tools on the way to an upstream that cannot run them (SPEC 5.3).</summary>
public static partial class DroppedTools
{
    /// <summary>Response header naming the dropped tool types, comma-separated, e.g. <c>web_search, tool_search</c>.</summary>
    public const string HeaderName = "x-gateway-dropped";

    /// <summary>The name of a type that is no tool type's name: the client wrote it, so it never reaches a header or the trace.</summary>
    public const string Unknown = "unknown";

    /// <summary>Names the dropped tool types on the answer an attempt gives the client; none, no header.</summary>
    internal static void Announce(HttpResponse response, IReadOnlyList<string>? dropped)
    {
        if (dropped is not null)
        {
            response.Headers[HeaderName] = string.Join(", ", dropped);
        }
    }

    /// <summary>Records a dropped tool type once, by its name when it is one (letters, digits, <c>_ . -</c>, at most 64), else <see cref="Unknown"/>.</summary>
    internal static void Add(ICollection<string> dropped, string? type)
    {
        var name = type is not null && TypeName().IsMatch(type) ? type : Unknown;
        if (!dropped.Contains(name))
        {
            dropped.Add(name);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex TypeName();
}
