namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The client protocol of a <c>/v1</c> request, which decides the shape of the gateway's own errors and of the model list:
/// its endpoint's (marked with <see cref="Speaks{TBuilder}"/>), else Messages for a caller that sends <c>anthropic-version</c>
/// (an Anthropic SDK or Claude Code listing models, or calling a path the gateway lacks), else OpenAI's Chat Completions.
/// </summary>
internal static class ClientProtocols
{
    public static TBuilder Speaks<TBuilder>(this TBuilder builder, ApiProtocol protocol)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ClientProtocolMetadata(protocol));

    public static ApiProtocol ClientProtocol(this HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ClientProtocolMetadata>()?.Protocol
        ?? (http.Request.Headers.ContainsKey("anthropic-version") ? ApiProtocol.Messages : ApiProtocol.Chat);

    private sealed record ClientProtocolMetadata(ApiProtocol Protocol);
}
