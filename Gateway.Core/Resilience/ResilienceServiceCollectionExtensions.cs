using Polly.Retry;
using Polly.Telemetry;

namespace Gateway.Core.Resilience;

/// <summary>
/// Registers the pipelines of <see cref="ResiliencePipelineNames"/> through Polly's DI, which adds its logging and
/// metering (meter <c>Polly</c>) and takes the container's <see cref="TimeProvider"/>. Settings come from
/// <see cref="GatewayOptions"/> and follow configuration reloads.
/// </summary>
internal static class ResilienceServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayResilience(this IServiceCollection services)
    {
        // Polly reports every execution, and every try that needed no retry, at Information: on every usage batch and
        // account write that would drown the log. Retries, timeouts and tries given up on keep Warning and Error.
        services.Configure<TelemetryOptions>(o => o.SeverityProvider = args =>
            args.Event is { Severity: ResilienceEventSeverity.Information, EventName: "ExecutionAttempt" or "PipelineExecuted" }
                ? ResilienceEventSeverity.Debug
                : args.Event.Severity);

        services.AddResiliencePipeline(ResiliencePipelineNames.StorageWrite, (builder, context) =>
        {
            context.EnableReloads<GatewayOptions>();
            var options = context.GetOptions<GatewayOptions>();
            if (options.StorageWriteRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseErrors.IsTransient),
                    MaxRetryAttempts = options.StorageWriteRetries,
                    Delay = options.StorageWriteRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            }
        });

        services.AddResiliencePipeline<string, HttpResponseMessage>(ResiliencePipelineNames.TokenRefresh, (builder, context) =>
        {
            context.EnableReloads<GatewayOptions>();
            var options = context.GetOptions<GatewayOptions>();
            if (options.TokenRefreshRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(response => IsTransient(response.StatusCode)),
                    MaxRetryAttempts = options.TokenRefreshRetries,
                    Delay = options.TokenRefreshRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            }

            // Inside the retry: each attempt gets its own timeout.
            builder.AddTimeout(options.TokenRefreshTimeout);
        });

        services.AddResiliencePipeline(ResiliencePipelineNames.UpstreamPing, (builder, context) =>
        {
            context.EnableReloads<GatewayOptions>();

            // One attempt only: a retried probe would hide the answer (or silence) it exists to report.
            builder.AddTimeout(context.GetOptions<GatewayOptions>().ProbeTimeout);
        });

        return services;
    }

    // A token endpoint that is overloaded or briefly down; 4xx refusals (invalid_grant…) are answers, not failures.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
