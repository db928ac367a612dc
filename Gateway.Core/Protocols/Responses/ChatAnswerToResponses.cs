using System.Text.Json.Nodes;
using Gateway.Core.Protocols.Conversion;

namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Turns a complete <c>chat.completion</c> into a Responses <c>response</c>: reasoning content becomes a
/// reasoning item, the message text (and refusal) one message item, each tool call a function_call item in
/// call order; the finish reason becomes the status and incomplete details.
/// </summary>
internal static class ChatAnswerToResponses
{
    public static JsonObject Convert(JsonObject chat, ResponseEnvelope envelope)
    {
        envelope.Id = ConversionIds.Rebase(chat["id"].Str(), "chatcmpl-", "resp_");
        envelope.CreatedAt = chat["created"].Long() ?? envelope.CreatedAt;
        var choice = chat["choices"].Objects().FirstOrDefault();
        var message = choice?["message"].Obj();
        var output = new JsonArray();
        if (message?["reasoning_content"].Str() is { Length: > 0 } reasoning)
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
            var function = call["function"].Obj();
            output.Add(ResponseEnvelope.FunctionCallItem(ConversionIds.New("fc_"), "completed", call["id"].Str(), function?["name"].Str(), function?["arguments"].Str() ?? ""));
        }

        var (status, incomplete) = FinishReasons.ToResponses(choice?["finish_reason"].Str());
        return envelope.Build(status, output, UsageConversion.ToResponses(chat["usage"].Obj()), incomplete);
    }

    public static JsonObject ReasoningItem(string id, string summary) => new()
    {
        ["id"] = id,
        ["type"] = "reasoning",
        ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
    };
}
