using static Gateway.Core.Protocols.Conversion.ParameterRule;

namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Anthropic Messages request → Chat Completions request, parameter by parameter (SPEC 5.3 and 5.5; the official SDKs'
/// <c>MessageCreateParams</c>). Its rows are every parameter the Messages API accepts.
/// </summary>
internal static class MessagesToChatParameters
{
    public static ParameterTable Table { get; } = new(
    [
        MappedModel,
        Convert("messages", "turns become messages (see the block table); tool results become tool messages; a system message among them (Claude Code's mid-conversation ones) becomes a user message, as many Chat templates refuse a system message after the first", "messages"),
        Convert("system", "a leading system message; text blocks joined by a blank line, without Claude Code's billing line", "messages"),
        Convert("max_tokens", "max_completion_tokens for OpenAI (its current models refuse max_tokens), max_tokens otherwise", "max_completion_tokens", "max_tokens"),
        Copy("temperature"),
        Copy("top_p"),
        Convert("stop_sequences", "→ stop", "stop"),
        Convert("stream", "with stream_options.include_usage: message_delta needs the counts", "stream", "stream_options"),
        Convert("metadata", "user_id → user: as is when a plain id of at most 64 characters, else user- and 32 hex digits of its SHA-256", "user"),
        Convert("tools", "client tools → function tools; Anthropic's server tools are dropped and named in x-gateway-dropped", "tools"),
        Convert("tool_choice", "auto / any → required / none / tool → a named function; disable_parallel_tool_use → parallel_tool_calls: false", "tool_choice", "parallel_tool_calls"),
        Convert("thinking", "→ reasoning_effort by budget: up to 4k low, up to 16k medium, more high; adaptive → medium; disabled → none, whatever the effort", "reasoning_effort"),
        Convert("output_config", "effort → reasoning_effort (max → high); a json_schema format → response_format", "reasoning_effort", "response_format"),
        Drop("top_k", "no Chat counterpart"),
        Drop("service_tier", "Anthropic's values (auto, standard_only) mean nothing to a Chat upstream"),
        Drop("container", "Anthropic's code-execution container"),
        Drop("mcp_servers", "Anthropic's MCP connector: a Chat upstream cannot reach the servers"),
        Drop("context_management", "Anthropic's server-side context editing"),
        Drop("cache_control", "prompt caching is the upstream's own business"),
        Drop("inference_geo", "no Chat counterpart"),
        Drop("speed", "no Chat counterpart"),
        Drop("diagnostics", "no Chat counterpart"),
        Reject("thread", "Anthropic keeps a message thread's earlier turns; send the whole conversation without thread") with { Code = "thread_unsupported_request" },
    ]);
}
