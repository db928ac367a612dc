namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Turns a complete <c>chat.completion</c> into a Responses <c>response</c>: reasoning content becomes a
/// reasoning item, or each of the message's <see cref="ReasoningDetails"/> one, its opaque reasoning in
/// <c>encrypted_content</c>; the message text (and refusal) one message item, each tool call a <c>function_call</c> or
/// <c>custom_tool_call</c> item in call order, named as the client named its tool (<see cref="ChatToolNames"/>); the finish reason becomes the status and incomplete details. The
/// response keeps the envelope's own fresh id: it names the response in the gateway's store, so it must be unique,
/// which upstream completion ids are not always.
/// </summary>
internal static class ChatAnswerToResponses
{
    /// <param name="toolNames">How the request named its tools to the upstream.</param>
    /// <param name="reasoningDetails">
    /// Read the message's <see cref="ReasoningDetails"/>, which the gateway wrote one conversion step before (an anthropic
    /// account's thinking); a Chat upstream's own are not the gateway's to pass on.
    /// </param>
    public static JsonObject Convert(JsonObject chat, ResponseEnvelope envelope, ChatToolNames toolNames, bool reasoningDetails = false)
    {
        envelope.CreatedAt = chat["created"].Long() ?? envelope.CreatedAt;
        var choice = chat["choices"].Objects().FirstOrDefault();
        var message = choice?["message"].Obj();
        var output = new JsonArray();
        foreach (var detail in reasoningDetails ? message?[ReasoningDetails.Member].Objects() ?? [] : [])
        {
            if (ReasoningDetails.ToReasoningItem(detail, ConversionIds.New("rs_")) is { } item)
            {
                output.Add(item);
            }
        }

        if (output.Count == 0 && ReasoningOf(message) is { Length: > 0 } reasoning)
        {
            output.Add(ReasoningItem(ConversionIds.New("rs_"), reasoning));
        }

        var content = new JsonArray();
        if (JsonNodes.JoinedText(message?["content"]) is { Length: > 0 } text)
        {
            content.Add(ResponseEnvelope.OutputText(text));
        }

        if (message?["refusal"].Str() is { Length: > 0 } refusal)
        {
            content.Add(ResponseEnvelope.Refusal(refusal));
        }

        if (content.Count > 0)
        {
            output.Add(ResponseEnvelope.MessageItem(ConversionIds.New("msg_"), "completed", content));
        }

        foreach (var call in message?["tool_calls"].Objects() ?? [])
        {
            // An upstream that names no call id still gets one, as in a stream: the client's output must name its call.
            var callId = call["id"].Str() ?? ConversionIds.New("call_");
            if (call["custom"] is JsonObject custom)
            {
                var (space, tool) = toolNames.ClientName(custom["name"].Str());
                output.Add(ResponseEnvelope.ToolCallItem(custom: true, ConversionIds.New("ctc_"), "completed", callId, space, tool, custom["input"].Str() ?? ""));
                continue;
            }

            var chatName = call["function"].Obj()?["name"].Str();
            var arguments = call["function"].Obj()?["arguments"].Str() ?? "";
            if (toolNames.IsToolSearch(chatName))
            {
                output.Add(ResponseEnvelope.ToolSearchCallItem(ConversionIds.New("tsc_"), "completed", callId, arguments));
                continue;
            }

            var (ns, name) = toolNames.ClientName(chatName);
            output.Add(toolNames.IsCustomAsFunction(chatName)
                ? ResponseEnvelope.ToolCallItem(custom: true, ConversionIds.New("ctc_"), "completed", callId, ns, name, CustomTools.UnwrapArguments(arguments))
                : ResponseEnvelope.ToolCallItem(custom: false, ConversionIds.New("fc_"), "completed", callId, ns, name, arguments));
        }

        var (status, incomplete) = FinishReasons.ToResponses(choice?["finish_reason"].Str());
        return envelope.Build(status, output, UsageConversion.ToResponses(chat["usage"].Obj()), incomplete);
    }

    /// <summary>The reasoning text of a Chat message or delta: <c>reasoning_content</c> (DeepSeek, Kimi, Qwen) or <c>reasoning</c> (OpenRouter, vLLM).</summary>
    public static string? ReasoningOf(JsonObject? messageOrDelta) => (messageOrDelta?["reasoning_content"] ?? messageOrDelta?["reasoning"]).Str();

    public static JsonObject ReasoningItem(string id, string summary) => new()
    {
        ["id"] = id,
        ["type"] = "reasoning",
        ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
    };
}
