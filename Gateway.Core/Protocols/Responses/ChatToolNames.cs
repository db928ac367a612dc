using System.Text.RegularExpressions;

namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// How a Responses client's tools are named to a Chat upstream, and named back in its answer. Chat has no namespaces: a
/// tool of a namespace (Codex's <c>multi_agent_v1</c>) goes up as one function named <c>namespace__name</c>, and a call of
/// that name comes back as a call of the tool in its namespace. A custom tool sent as a function (<see cref="CustomTools"/>)
/// is known by its Chat name, so that its call comes back as a custom call; and a tool search the client runs itself
/// (Codex's <c>tool_search</c> with <c>execution: "client"</c>) goes up as the function <c>tool_search</c>, whose call comes
/// back as a <c>tool_search_call</c>. Filled while one attempt's request is converted, read while its answer is.
/// </summary>
internal sealed partial class ChatToolNames
{
    /// <summary>The Chat name of a tool search the client runs.</summary>
    public const string ToolSearch = "tool_search";

    private const string Separator = "__";

    private readonly HashSet<string> _customAsFunctions = [];
    private readonly Dictionary<string, (string Namespace, string Name)> _namespaced = [];

    /// <summary>
    /// The Chat name of a tool: its own name, or <c>namespace__name</c> for a tool of a namespace; null when that is no valid
    /// Chat function name (letters, digits, <c>_</c> and <c>-</c>, at most 64).
    /// </summary>
    public static string? ChatName(string? ns, string? name)
    {
        if (ns is null)
        {
            return name;
        }

        var joined = ns + Separator + name;
        return FunctionName().IsMatch(joined) ? joined : null;
    }

    /// <summary>The request offered a tool search the client runs itself.</summary>
    public bool ClientToolSearch { get; set; }

    public void Clear()
    {
        _customAsFunctions.Clear();
        _namespaced.Clear();
        ClientToolSearch = false;
    }

    /// <summary>Whether a function call of <paramref name="chatName"/> is a call of the client's tool search.</summary>
    public bool IsToolSearch(string? chatName) => ClientToolSearch && chatName == ToolSearch;

    /// <summary>Records that the tool named <paramref name="chatName"/> went up as the tool <paramref name="name"/> of <paramref name="ns"/>.</summary>
    public void AddNamespaced(string chatName, string ns, string name) => _namespaced[chatName] = (ns, name);

    /// <summary>Records that the custom tool named <paramref name="chatName"/> went up as a function tool.</summary>
    public void AddCustomAsFunction(string chatName) => _customAsFunctions.Add(chatName);

    /// <summary>Whether a function call of <paramref name="chatName"/> is the call of a custom tool sent as a function.</summary>
    public bool IsCustomAsFunction(string? chatName) => chatName is not null && _customAsFunctions.Contains(chatName);

    /// <summary>The namespace (null for none) and name the client knows a tool by, from its Chat name.</summary>
    public (string? Namespace, string? Name) ClientName(string? chatName) =>
        chatName is not null && _namespaced.TryGetValue(chatName, out var named) ? named : (null, chatName);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
