using System.Text.RegularExpressions;

namespace Gateway.Clients;

/// <summary>
/// What the scripted model answers one request with: a call of the client's own file-writing tool, or text. It follows a
/// check's task, <c>GATEWAY-CHECK path=… text=…</c> in the client's prompt: while no result of its call is in the
/// conversation it calls the tool that writes the file (Claude Code's <c>Write</c>, Codex's <c>apply_patch</c>, in
/// whatever form the request's protocol gives them); once the result is there, or for a request without the task (a
/// title, a summary), it answers in text.
/// </summary>
internal abstract partial record ModelTurn
{
    /// <summary>Marks the model's own call ids: their presence in a request means the call's result came back.</summary>
    public const string CallMark = "gwcheck";

    public const string Finished = "GATEWAY-CHECK finished: the file is written.";

    /// <summary>A call of a function tool, its arguments as JSON.</summary>
    public sealed record FunctionCall(string Name, string Arguments) : ModelTurn;

    /// <summary>A call of a custom (freeform) tool, its input as text.</summary>
    public sealed record CustomCall(string Name, string Input) : ModelTurn;

    public sealed record Text(string Value) : ModelTurn;

    public string CallId => $"call_{CallMark}_1";

    public static ModelTurn For(Protocol protocol, JsonObject request, string body)
    {
        if (Task().Match(body) is not { Success: true } task)
        {
            return new Text("ok");
        }

        if (body.Contains(CallMark, StringComparison.Ordinal))
        {
            return new Text(Finished);
        }

        var path = task.Groups["path"].Value;
        var text = task.Groups["text"].Value;
        var patch = $"*** Begin Patch\n*** Add File: {Path.GetFileName(path)}\n+{text}\n*** End Patch\n";
        foreach (var (name, custom) in Tools(protocol, request))
        {
            switch (name)
            {
                case "Write":
                    return new FunctionCall(name, new JsonObject { ["file_path"] = path, ["content"] = text + "\n" }.ToJsonString());
                case "apply_patch" when custom:
                    return new CustomCall(name, patch);
                case "apply_patch":
                    return new FunctionCall(name, new JsonObject { ["input"] = patch }.ToJsonString());
            }
        }

        return new Text("GATEWAY-CHECK failed: the request offers no tool that writes a file.");
    }

    // Each tool's name, and whether it is a custom (freeform) one, as each protocol lists them.
    private static IEnumerable<(string Name, bool Custom)> Tools(Protocol protocol, JsonObject request)
    {
        foreach (var tool in (request["tools"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = tool["type"]?.GetValue<string>();
            var name = protocol switch
            {
                Protocol.Chat => (tool["function"] ?? tool["custom"])?["name"],
                _ => tool["name"],
            };
            if (name?.GetValue<string>() is { } text)
            {
                yield return (text, type == "custom");
            }
        }
    }

    [GeneratedRegex(@"GATEWAY-CHECK path=(?<path>[^\s""\\]+) text=(?<text>[A-Za-z0-9-]+)")]
    private static partial Regex Task();
}
