using static Gateway.Core.Protocols.Conversion.ParameterRule;

namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Chat Completions request → Responses request, parameter by parameter (SPEC 5.3; the OpenAI API reference's
/// <c>CreateChatCompletionRequest</c>). Its rows are every parameter Chat Completions accepts.
/// </summary>
internal static class ChatToResponsesParameters
{
    public static ParameterTable Table { get; } = new(
    [
        MappedModel,
        Convert("messages", "leading system/developer messages → instructions; the rest → input items", "instructions", "input"),
        Convert("max_completion_tokens", "preferred over max_tokens", "max_output_tokens"),
        Convert("max_tokens", "used when max_completion_tokens is absent", "max_output_tokens"),
        Copy("temperature"),
        Copy("top_p"),
        Copy("user"),
        Copy("stream"),
        Copy("parallel_tool_calls"),
        Copy("metadata"),
        Copy("safety_identifier"),
        Copy("prompt_cache_key"),
        Copy("prompt_cache_retention"),
        Copy("prompt_cache_options"),
        Copy("service_tier"),
        Copy("moderation"),
        Convert("store", "false unless the client asked: Chat does not store by default, Responses does", "store"),
        Convert("tools", "function and custom tools are flattened", "tools"),
        Convert("tool_choice", "flattened like the tools", "tool_choice"),
        Convert("response_format", "→ text.format (json_schema flattened)", "text"),
        Convert("verbosity", "→ text.verbosity", "text"),
        Convert("reasoning_effort", "→ reasoning.effort", "reasoning"),
        Drop("stop", "no Responses counterpart: the gateway cuts the answer at the stop sequence itself"),
        Drop("stream_options", "include_usage is honoured by the gateway: the usage chunk is made from response.completed"),
        .. ChatOnlyParameters.Dropped("Responses"),
    ]);
}
