using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The client API under <c>/v1</c>, OpenAI's endpoints and Anthropic's Messages alike: request ids and API-key authentication
/// (<c>Authorization: Bearer</c> or <c>x-api-key</c>) for every endpoint, errors in the caller's protocol's shape, the
/// unexpected ones (a database that cannot be read while a key is looked up, a defect) included.
/// </summary>
internal static partial class OpenAiApi
{
    public const string RequestIdHeader = "x-request-id";
    private const string PathPrefix = "/v1";
    private const int MaxClientRequestIdLength = 100;

    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(PathPrefix).DisableAntiforgery();
        v1.MapAnswerEndpoints();
        v1.MapResponseCalls();
        v1.MapModels();
        v1.MapFallback("{**path}", (HttpContext http) => ClientErrors.WriteAsync(http.Response, http.ClientProtocol(), StatusCodes.Status404NotFound,
            $"Unknown endpoint {http.Request.Method} {http.Request.Path}.", "invalid_request_error", "unknown_url")).WithMetadata(RequestAdmission.Exempted);
        return app;
    }

    /// <summary>
    /// The gate every client API call passes, after routing and before its endpoint: the guard, then the key's
    /// authentication, then <see cref="RequestAdmission"/>. A middleware rather than endpoint filters: with filters, every
    /// call paid for the filter pipeline's invocation context, its arguments array and two state machines of its own.
    /// Its services are resolved here, once: a call creates no service scope to reach them.
    /// </summary>
    public static IApplicationBuilder UseOpenAiApiGate(this IApplicationBuilder app)
    {
        var authenticator = app.ApplicationServices.GetRequiredService<ApiKeyAuthenticator>();
        var admission = app.ApplicationServices.GetRequiredService<RequestAdmission>();
        return app.Use(next =>
        {
            RequestDelegate admitted = http => admission.InvokeAsync(http, next);
            RequestDelegate authenticated = http => AuthenticateAsync(authenticator, http, admitted);
            return http => Serves(http.Request) ? GuardAsync(http, authenticated) : next(http);
        });
    }

    /// <summary>Whether <paramref name="request"/> is for the client API (it needs none of the console's middleware).</summary>
    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(PathPrefix);

    public static ApiKeyIdentity ApiKey(this HttpContext http) => http.Features.GetRequiredFeature<ClientCall>().Key!;

    /// <summary>The gateway's own id of the request, unique per usage row and sent back as <c>x-request-id</c>.</summary>
    public static string RequestId(this HttpContext http) => http.Features.GetRequiredFeature<ClientCall>().RequestId;

    /// <summary>The <c>x-request-id</c> the client sent, kept beside the gateway's own id on the usage row.</summary>
    public static string? ClientRequestId(this HttpContext http) => http.Features.GetRequiredFeature<ClientCall>().ClientRequestId;

    // Outermost: whatever fails inside is answered as a 500 in the client's shape, without a stack trace, never as the
    // host's problem page. A call that ends at once (a cached key's refusal) passes without a state machine of its own.
    private static Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        Task handling;
        try
        {
            handling = next(http);
        }
        catch (Exception ex)
        {
            return FailedAsync(http, ex);
        }

        return handling.IsCompletedSuccessfully ? handling : GuardedAsync(http, handling);
    }

    private static async Task GuardedAsync(HttpContext http, Task handling)
    {
        try
        {
            await handling;
        }
        catch (Exception ex)
        {
            await FailedAsync(http, ex);
        }
    }

    private static async Task FailedAsync(HttpContext http, Exception ex)
    {
        // A client that left has nobody to answer.
        if (!http.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenAiApi)), http.Features.Get<ClientCall>()?.RequestId, ex);
            await ClientErrors.WriteAsync(http.Response, http.ClientProtocol(), StatusCodes.Status500InternalServerError,
                "The gateway failed to process the request.", "server_error", "internal_error");
        }
    }

    private static Task AuthenticateAsync(ApiKeyAuthenticator authenticator, HttpContext http, RequestDelegate next)
    {
        // A client may send the same id twice: its id is kept apart, the row's own is always the gateway's.
        var call = new ClientCall { RequestId = RequestIds.New(DateTimeOffset.UtcNow), ClientRequestId = SentRequestId(http.Request) };
        http.Features.Set(call);
        http.Response.Headers[RequestIdHeader] = call.RequestId;

        var presented = PresentedKey(http.Request);
        if (presented.IsEmpty)
        {
            return RefuseAsync(http, "Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key'.");
        }

        // A cached key, the usual case, is known at once: the call goes on without a state machine of this step's own.
        var identity = authenticator.AuthenticateAsync(presented, http.RequestAborted);
        return identity.IsCompletedSuccessfully ? Admit(identity.Result, call, http, next) : AdmitAsync(identity, call, http, next);
    }

    private static Task Admit(ApiKeyIdentity? key, ClientCall call, HttpContext http, RequestDelegate next)
    {
        if (key is null)
        {
            return RefuseAsync(http, "Invalid, disabled or expired API key.");
        }

        call.Key = key;
        return next(http);
    }

    private static async Task AdmitAsync(ValueTask<ApiKeyIdentity?> pending, ClientCall call, HttpContext http, RequestDelegate next) =>
        await Admit(await pending, call, http, next);

    private static Task RefuseAsync(HttpContext http, string message) =>
        ClientErrors.WriteAsync(http.Response, http.ClientProtocol(), StatusCodes.Status401Unauthorized, message, "invalid_request_error", "invalid_api_key");

    // The characters of the header as it came: looked up without a string of their own. Empty when none is presented.
    private static ReadOnlyMemory<char> PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization.AsMemory(7).Trim();
        }

        return request.Headers["x-api-key"].ToString().AsMemory().Trim();
    }

    // The client's own id is kept only when it is short printable ASCII, so it is safe in logs and the console.
    private static string? SentRequestId(HttpRequest request)
    {
        var sent = request.Headers[RequestIdHeader].ToString();
        return sent.Length is > 0 and <= MaxClientRequestIdLength && sent.All(c => c is > ' ' and < '\u007f') ? sent : null;
    }

    /// <summary>
    /// What the client API knows of a call, kept as one feature of the request: HttpContext.Items would cost a dictionary
    /// per request.
    /// </summary>
    private sealed class ClientCall
    {
        public required string RequestId { get; init; }

        public string? ClientRequestId { get; init; }

        /// <summary>Set once the key is authenticated; every endpoint behind the filter reads it.</summary>
        public ApiKeyIdentity? Key { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string? requestId, Exception ex);
}
