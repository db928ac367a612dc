namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// The <c>response</c> object a Responses client expects around converted output, with the request's own
/// settings echoed back (instructions, tools, sampling, text format) as the Responses API does.
/// </summary>
internal sealed class ResponseEnvelope
{
    private static readonly string[] Echoed =
    [
        "instructions", "max_output_tokens", "metadata", "parallel_tool_calls", "previous_response_id", "reasoning",
        "store", "temperature", "text", "tool_choice", "tools", "top_p", "truncation", "user", "service_tier",
    ];

    private readonly JsonObject _echo = new()
    {
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["metadata"] = new JsonObject(),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = true,
        ["temperature"] = 1,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1,
        ["truncation"] = "disabled",
        ["user"] = null,
    };

    public ResponseEnvelope(string model, long createdAt)
    {
        Model = model;
        CreatedAt = createdAt;
    }

    public string Id { get; set; } = ConversionIds.New("resp_");

    public string Model { get; }

    public long CreatedAt { get; set; }

    /// <summary>Remembers the client's request settings to echo them in every response object.</summary>
    public void EchoRequest(JsonObject request)
    {
        foreach (var key in Echoed)
        {
            if (request[key] is { } value)
            {
                _echo[key] = value.DeepClone();
            }
        }
    }

    public JsonObject Build(string status, JsonArray output, JsonObject? usage = null, JsonObject? incompleteDetails = null, JsonObject? error = null)
    {
        var response = new JsonObject
        {
            ["id"] = Id,
            ["object"] = "response",
            ["created_at"] = CreatedAt,
            ["status"] = status,
            ["error"] = error,
            ["incomplete_details"] = incompleteDetails,
            ["model"] = Model,
            ["output"] = output,
            ["usage"] = usage,
        };
        foreach (var (key, value) in _echo)
        {
            response[key] = value.Copy();
        }

        return response;
    }

    public static JsonObject MessageItem(string id, string status, JsonArray content) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = content,
    };

    public static JsonObject OutputText(string text) => new()
    {
        ["type"] = "output_text",
        ["text"] = text,
        ["annotations"] = new JsonArray(),
        ["logprobs"] = new JsonArray(),
    };

    public static JsonObject Refusal(string refusal) => new() { ["type"] = "refusal", ["refusal"] = refusal };

    /// <summary>A call of the tool search the client runs itself; its arguments are JSON (text that is none is kept as a string).</summary>
    public static JsonObject ToolSearchCallItem(string id, string status, string? callId, string arguments) => new()
    {
        ["id"] = id,
        ["type"] = "tool_search_call",
        ["status"] = status,
        ["call_id"] = callId,
        ["execution"] = "client",
        ["arguments"] = (JsonNode?)JsonNodes.ParseObject(arguments) ?? (arguments.Length == 0 ? new JsonObject() : JsonValue.Create(arguments)),
    };

    /// <summary>A tool call item: a custom (freeform) tool's call carries its <c>input</c>, a function call its <c>arguments</c>.</summary>
    /// <param name="ns">The namespace of the tool called, or null.</param>
    public static JsonObject ToolCallItem(bool custom, string id, string status, string? callId, string? ns, string? name, string text)
    {
        var item = new JsonObject
        {
            ["id"] = id,
            ["type"] = custom ? "custom_tool_call" : "function_call",
            ["status"] = status,
            ["call_id"] = callId,
        };
        if (ns is not null)
        {
            item["namespace"] = ns;
        }

        item["name"] = name;
        item[custom ? "input" : "arguments"] = text;
        return item;
    }
}
