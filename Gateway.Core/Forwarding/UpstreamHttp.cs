namespace Gateway.Core.Forwarding;

/// <summary>
/// The one pooled HTTP client for every upstream: no cookies, no redirects, no generic retry or timeout
/// handler (the attempt loop decides), no overall timeout (an idle timeout is applied per read instead). It is an
/// <see cref="HttpMessageInvoker"/>, as in YARP: every send returns at the headers, and none pays for what
/// <see cref="HttpClient"/> adds (a linked cancellation source per request for its timeout and its <c>CancelPendingRequests</c>).
/// </summary>
public sealed class UpstreamHttp : IDisposable
{
    public UpstreamHttp(IOptions<GatewayOptions> options)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.Value.UpstreamConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,

            // The gateway exports no traces: a traceparent header would only hand providers an id, at a cost per request.
            ActivityHeadersPropagator = null,
        };
        Invoker = new HttpMessageInvoker(handler);
    }

    /// <summary>Sends a request and returns once its answer's headers are in; the body is read from the answer's content.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>The endpoint of <paramref name="protocol"/> under a provider root; a root ending in <c>/v1</c> is not doubled.</summary>
    public static Uri EndpointFor(string baseUrl, ApiProtocol protocol) => Endpoint(baseUrl, protocol switch
    {
        ApiProtocol.Responses => "/responses",
        ApiProtocol.Messages => "/messages",
        _ => "/chat/completions",
    });

    /// <summary>A path under a provider root's <c>/v1</c> (e.g. <c>/messages/count_tokens</c>); a root ending in <c>/v1</c> is not doubled.</summary>
    public static Uri Endpoint(string baseUrl, string path)
    {
        var root = baseUrl.Trim().TrimEnd('/');
        return new Uri(root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root + path : root + "/v1" + path);
    }

    public void Dispose() => Invoker.Dispose();
}
