using System.Text.RegularExpressions;

namespace Gateway.Clients;

/// <summary>
/// What the scripted model answers one request with: calls of the client's own file-writing tool, text, or a refusal.
/// It follows a check's task, <c>GATEWAY-CHECK path=… text=…</c> in the client's prompt: while no result of its calls
/// is in the conversation it calls the tool that writes a file (Claude Code's <c>Write</c>, Codex's <c>apply_patch</c>,
/// in whatever form the request's protocol gives them) twice in parallel, for the file and its copy
/// (<see cref="CopyOf"/>); once the results are there, or for a request without the task (a title, a summary), it
/// answers in text. When the request asks for reasoning, the call comes after it, with the opaque
/// part each provider keeps (a thinking block's signature, a reasoning item's encrypted content; a Chat provider's
/// reasoning text), and like the providers it refuses the next turn when that reasoning did not come back with the call,
/// or when the request carries opaque reasoning it did not write.
/// </summary>
internal abstract partial record ModelTurn
{
    /// <summary>Marks the model's own call ids: their presence in a request means the call's result came back.</summary>
    public const string CallMark = "gwcheck";

    public const string Finished = "GATEWAY-CHECK finished: the file is written.";

    /// <summary>The model's reasoning before its call, as text.</summary>
    public const string Thought = "The task asks for one file: I write it with the tool.";

    /// <summary>Whether the answer starts with reasoning.</summary>
    public bool Thinks { get; init; }

    /// <summary>The opaque part of the model's reasoning, its own: a signature or encrypted content.</summary>
    public string Opaque { get; init; } = "";

    /// <summary>The model the answer names: the one the request asked for, as providers answer (clients bind reasoning to it).</summary>
    public string Model { get; init; } = "";

    /// <summary>Calls made in parallel, in one answer.</summary>
    public sealed record Calls(IReadOnlyList<ToolCall> Items) : ModelTurn;

    public sealed record Text(string Value) : ModelTurn;

    /// <summary>A 400 in the protocol's own shape, as the provider would refuse the request.</summary>
    public sealed record Refusal(string Message) : ModelTurn;

    /// <param name="opaque">The opaque part of this model's reasoning: any other a request carries is refused.</param>
    /// <param name="reasoningOwed">Whether an earlier call of this model came after its reasoning, which must come back with it.</param>
    public static ModelTurn For(Protocol protocol, JsonObject request, string body, string opaque, bool reasoningOwed) =>
        Decide(protocol, request, body, opaque, reasoningOwed) with { Model = request["model"]?.GetValue<string>() ?? "scripted-model" };

    private static ModelTurn Decide(Protocol protocol, JsonObject request, string body, string opaque, bool reasoningOwed)
    {
        if (ForeignReasoning(protocol, request, opaque) is { } foreign)
        {
            return new Refusal(foreign);
        }

        if (Task().Match(body) is not { Success: true } task)
        {
            return new Text("ok");
        }

        if (body.Contains(CallMark, StringComparison.Ordinal))
        {
            return reasoningOwed && MissingReasoning(protocol, request, opaque) is { } missing ? new Refusal(missing) : new Text(Finished);
        }

        var path = task.Groups["path"].Value;
        var text = task.Groups["text"].Value;
        foreach (var (name, custom) in Tools(protocol, request))
        {
            if (name is "Write" or "apply_patch")
            {
                var calls = new[] { path, CopyOf(path) }.Select((file, i) => new ToolCall($"call_{CallMark}_{i + 1}", name, custom, name == "Write"
                    ? new JsonObject { ["file_path"] = file, ["content"] = text + "\n" }.ToJsonString()
                    : Patch(file, text, custom)));
                return new Calls([.. calls]) { Thinks = AsksReasoning(protocol, request), Opaque = opaque };
            }
        }

        return new Text("GATEWAY-CHECK failed: the request offers no tool that writes a file.");
    }

    /// <summary>The second file the model writes: beside the first, <c>.copy</c> before its extension.</summary>
    public static string CopyOf(string path) => Path.ChangeExtension(path, ".copy" + Path.GetExtension(path));

    // Codex's patch that adds the file; as a function's arguments when the tool is not a custom one.
    private static string Patch(string file, string text, bool custom)
    {
        var patch = $"*** Begin Patch\n*** Add File: {Path.GetFileName(file)}\n+{text}\n*** End Patch\n";
        return custom ? patch : new JsonObject { ["input"] = patch }.ToJsonString();
    }

    // Thinking on (Messages), reasoning with its encrypted content asked for (Responses), a reasoning effort (Chat).
    private static bool AsksReasoning(Protocol protocol, JsonObject request) => protocol switch
    {
        Protocol.Messages => request["thinking"]?["type"]?.GetValue<string>() is "enabled" or "adaptive",
        Protocol.Responses => request["reasoning"] is JsonObject && (request["include"] as JsonArray ?? []).Any(i => i?.GetValue<string>() == "reasoning.encrypted_content"),
        _ => request["reasoning_effort"]?.GetValue<string>() is { } effort && effort != "none",
    };

    // Anthropic refuses a thinking block it did not sign (an unsigned one too) and redacted thinking it did not write;
    // OpenAI, encrypted content it cannot decrypt.
    private static string? ForeignReasoning(Protocol protocol, JsonObject request, string own)
    {
        var carried = protocol switch
        {
            Protocol.Messages => Blocks(request).Select(b => b["type"]?.GetValue<string>() switch
            {
                "thinking" => b["signature"]?.GetValue<string>() ?? "",
                "redacted_thinking" => b["data"]?.GetValue<string>() ?? "",
                _ => null,
            }),
            Protocol.Responses => InputItems(request).Where(i => i["type"]?.GetValue<string>() == "reasoning").Select(i => i["encrypted_content"]?.GetValue<string>()),
            _ => [],
        };
        return carried.FirstOrDefault(o => o is not null && o != own && (protocol == Protocol.Messages || o.Length > 0)) is { } other
            ? $"Invalid reasoning: '{other[..Math.Min(other.Length, 40)]}' was not written by this model."
            : null;
    }

    // What each provider says when a tool loop's next turn comes without the reasoning that preceded the call.
    private static string? MissingReasoning(Protocol protocol, JsonObject request, string opaque)
    {
        switch (protocol)
        {
            case Protocol.Messages:
                var turn = (request["messages"] as JsonArray ?? []).OfType<JsonObject>()
                    .FirstOrDefault(m => m["content"] is JsonArray blocks && blocks.OfType<JsonObject>().Any(b => b["id"]?.GetValue<string>()?.Contains(CallMark, StringComparison.Ordinal) == true));
                var first = (turn?["content"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
                return first?["type"]?.GetValue<string>() == "thinking" && first["signature"]?.GetValue<string>() == opaque && request["thinking"] is JsonObject
                    ? null
                    : "messages: the assistant turn with a tool_use must start with its thinking block while thinking is on.";
            case Protocol.Responses:
                return InputItems(request).Any(i => i["type"]?.GetValue<string>() == "reasoning" && i["encrypted_content"]?.GetValue<string>() == opaque)
                    ? null
                    : "Item of type 'function_call' was provided without its required 'reasoning' item.";
            default:
                var call = (request["messages"] as JsonArray ?? []).OfType<JsonObject>()
                    .FirstOrDefault(m => m["tool_calls"] is JsonArray calls && calls.OfType<JsonObject>().Any(c => c["id"]?.GetValue<string>()?.Contains(CallMark, StringComparison.Ordinal) == true));
                return call?["reasoning_content"]?.GetValue<string>() == Thought
                    ? null
                    : "Missing `reasoning_content` field in the assistant message with tool calls.";
        }
    }

    private static IEnumerable<JsonObject> Blocks(JsonObject request) =>
        (request["messages"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(m => (m["content"] as JsonArray ?? []).OfType<JsonObject>());

    private static IEnumerable<JsonObject> InputItems(JsonObject request) => (request["input"] as JsonArray ?? []).OfType<JsonObject>();

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

/// <summary>One call of a tool: a function's arguments as JSON, or a custom (freeform) tool's input as text.</summary>
internal sealed record ToolCall(string Id, string Name, bool Custom, string Payload);
