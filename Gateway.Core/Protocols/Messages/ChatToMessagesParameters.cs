using static Gateway.Core.Protocols.Conversion.ParameterRule;

namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Chat Completions request → Anthropic Messages request, parameter by parameter (SPEC 5.3 and 5.5; the OpenAI API
/// reference's <c>CreateChatCompletionRequest</c>). Its rows are every parameter Chat Completions accepts.
/// </summary>
internal static class ChatToMessagesParameters
{
    public static ParameterTable Table { get; } = new(
    [
        MappedModel,
        Convert("messages", "system and developer messages → system; the rest → turns (see the message table)", "system", "messages"),
        Convert("max_completion_tokens", "preferred over max_tokens", "max_tokens"),
        Convert("max_tokens", "used when max_completion_tokens is absent; Anthropic requires one: Gateway:MessagesDefaultMaxTokens otherwise", "max_tokens"),
        Convert("temperature", "capped at Anthropic's 1; left out while the model thinks", "temperature"),
        Convert("top_p", "left out while the model thinks", "top_p"),
        Convert("stop", "→ stop_sequences, without blank ones (Anthropic refuses them)", "stop_sequences"),
        Copy("stream"),
        Convert("user", "→ metadata.user_id", "metadata"),
        Convert("tools", "function tools → tools with input_schema; custom tools → tools with one string property, input, for their text", "tools"),
        Convert("tool_choice", "auto / required → any / none / a named function or custom tool → tool", "tool_choice"),
        Convert("parallel_tool_calls", "false → tool_choice.disable_parallel_tool_use", "tool_choice"),
        Convert("reasoning_effort", "→ thinking with a budget: low 2k, medium 8k, high 24k, xhigh 32k, below max_tokens; none in a tool loop or with a forced tool_choice", "thinking"),
        Convert("response_format", "json_schema → output_config.format; text and json_object are dropped", "output_config"),
        Drop("stream_options", "include_usage is honoured by the gateway: the usage chunk is made from message_start and message_delta"),
        Drop("metadata", "Anthropic's metadata holds only user_id"),
        Drop("store", "no Messages counterpart"),
        Drop("safety_identifier", "no Messages counterpart"),
        Drop("prompt_cache_key", "no Messages counterpart"),
        Drop("prompt_cache_retention", "no Messages counterpart"),
        Drop("prompt_cache_options", "no Messages counterpart"),
        Drop("service_tier", "OpenAI's values mean nothing to Anthropic"),
        Drop("moderation", "no Messages counterpart"),
        Drop("verbosity", "no Messages counterpart"),
        .. ChatOnlyParameters.Dropped("Messages"),
    ]);
}
