using static Gateway.Core.Protocols.Conversion.ParameterRule;

namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// Responses request → Chat Completions request, parameter by parameter (SPEC 5.3; the OpenAI API reference's
/// <c>CreateResponse</c>). "OpenAI only" parameters reach only accounts of the <c>openai</c> platform: OpenAI-compatible
/// providers answer 400 to parameters they do not know.
/// </summary>
internal static class ResponsesToChatParameters
{
    public static ParameterTable Table { get; } = new(
    [
        MappedModel,
        Convert("input", "items become messages (see the item table); item_reference is replaced by the stored item", "messages"),
        Convert("instructions", "a leading system message (not developer: most compatible providers only know system), joined by the system and developer items right after it", "messages"),
        Convert("previous_response_id", "the stored conversation is put before the input; unknown id → 400 previous_response_not_found", "messages"),
        Convert("max_output_tokens", "max_completion_tokens for OpenAI, max_tokens (what every compatible provider reads) otherwise", "max_completion_tokens", "max_tokens"),
        Copy("temperature"),
        Copy("top_p"),
        Copy("user"),
        Copy("stream"),
        Convert("stream_options", "replaced by include_usage: the converted answer needs the counts; include_obfuscation has no Chat meaning", "stream_options"),
        Convert("tools", "function and custom tools are nested under their type (custom ones as functions for openai-compatible providers), a namespace's tools go up flat; hosted tools are dropped and named in x-gateway-dropped", "tools"),
        Convert("tool_choice", "nested like the tools; a hosted tool's choice is dropped; dropped when no tool is left", "tool_choice"),
        Convert("parallel_tool_calls", "kept while a tool is left (Chat rejects it without tools)", "parallel_tool_calls"),
        Convert("text", "format → response_format (json_schema nested); verbosity → verbosity for OpenAI only", "response_format", "verbosity"),
        Convert("reasoning", "effort → reasoning_effort; summary and encrypted reasoning have no Chat counterpart", "reasoning_effort"),
        Copy("safety_identifier") with { OpenAiOnly = true },
        Copy("prompt_cache_key") with { OpenAiOnly = true },
        Copy("prompt_cache_retention") with { OpenAiOnly = true },
        Copy("prompt_cache_options") with { OpenAiOnly = true },
        Copy("service_tier") with { OpenAiOnly = true },
        Copy("moderation") with { OpenAiOnly = true },
        Drop("store", "decides whether the gateway keeps the response for later turns; Chat's store means something else"),
        Drop("metadata", "Chat accepts metadata only together with store"),
        Drop("include", "extra output (encrypted reasoning, logprobs, sources) a Chat upstream cannot produce"),
        Drop("top_logprobs", "log probabilities are not converted back"),
        Drop("truncation", "Chat has no server-side truncation"),
        Drop("background", "Chat has no background mode: the answer comes at once"),
        Drop("max_tool_calls", "no Chat counterpart"),
        Drop("context_management", "no Chat counterpart"),
        Drop("client_metadata", "Codex's client information, not an API parameter"),
        Reject("conversation", "a stored Conversations API object, which the gateway does not keep"),
        Reject("prompt", "a stored prompt template, which a Chat upstream cannot resolve"),
    ]);
}
