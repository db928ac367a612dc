using static Gateway.Core.Protocols.Conversion.ParameterRule;

namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// The Chat Completions parameters no other API has, and the deprecated function-calling pair: every conversion from Chat
/// drops them, for the same reasons. The rows end each Chat → other table (<see cref="ChatToResponsesParameters"/>,
/// <see cref="Messages.ChatToMessagesParameters"/>).
/// </summary>
internal static class ChatOnlyParameters
{
    /// <param name="upstreamApi">The other API's name, as the notes say it: "no Responses counterpart".</param>
    public static ParameterRule[] Dropped(string upstreamApi) =>
    [
        Drop("n", "one choice only"),
        Drop("presence_penalty", $"no {upstreamApi} counterpart"),
        Drop("frequency_penalty", $"no {upstreamApi} counterpart"),
        Drop("logit_bias", $"no {upstreamApi} counterpart"),
        Drop("seed", $"no {upstreamApi} counterpart"),
        Drop("logprobs", "log probabilities are not converted back"),
        Drop("top_logprobs", "log probabilities are not converted back"),
        Drop("modalities", "audio output is not converted"),
        Drop("audio", "audio output is not converted"),
        Drop("prediction", $"no {upstreamApi} counterpart"),
        Drop("web_search_options", "a hosted tool request: dropped and named in x-gateway-dropped"),
        Drop("functions", "deprecated: send tools"),
        Drop("function_call", "deprecated: send tool_choice"),
    ];
}
