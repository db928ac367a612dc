#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.

namespace Gateway.Tests.Protocols;

/// <summary>Reads an OpenAI SDK stream the way an application does, gathering what it delivered.</summary>
internal static class SdkStreams
{
    public static async Task<ChatStreamRead> ReadAsync(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var read = new ChatStreamRead();
        await foreach (var update in updates)
        {
            read.Role ??= update.Role;
            read.Text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            foreach (var call in update.ToolCallUpdates)
            {
                var known = read.Calls.GetValueOrDefault(call.Index, (null, null, ""));
                read.Calls[call.Index] = (known.Id ?? call.ToolCallId, known.Name ?? call.FunctionName, known.Arguments + call.FunctionArgumentsUpdate?.ToString());
            }

            read.Finish = update.FinishReason ?? read.Finish;
            read.Usage = update.Usage ?? read.Usage;
        }

        return read;
    }

    public static async Task<ResponsesStreamRead> ReadAsync(IAsyncEnumerable<StreamingResponseUpdate> updates)
    {
        var read = new ResponsesStreamRead();
        await foreach (var update in updates)
        {
            read.Kinds.Add(update.GetType().Name.Replace("StreamingResponse", "").Replace("Update", ""));
            read.Sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    read.Text += delta.Delta;
                    break;
                case StreamingResponseFunctionCallArgumentsDeltaUpdate arguments:
                    read.Arguments += arguments.Delta.ToString();
                    break;
                case StreamingResponseCompletedUpdate done:
                    read.Completed = done.Response;
                    break;
            }
        }

        return read;
    }
}

/// <summary>A Chat stream as the SDK delivered it: role, text, each tool call by index, finish reason, usage.</summary>
internal sealed class ChatStreamRead
{
    public ChatMessageRole? Role { get; set; }

    public string Text { get; set; } = "";

    public Dictionary<int, (string? Id, string? Name, string Arguments)> Calls { get; } = [];

    public ChatFinishReason? Finish { get; set; }

    public ChatTokenUsage? Usage { get; set; }
}

/// <summary>A Responses stream as the SDK delivered it: the update kinds and sequence numbers, text, arguments, the completed response.</summary>
internal sealed class ResponsesStreamRead
{
    public List<string> Kinds { get; } = [];

    public List<int> Sequence { get; } = [];

    public string Text { get; set; } = "";

    public string Arguments { get; set; } = "";

    public ResponseResult? Completed { get; set; }
}
