using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Core.Forwarding;
using Gateway.Core.Options;
using Gateway.Core.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Gateway.Core.Probes;

/// <summary>
/// Sends one minimal non-streaming request to an account's Chat Completions or Responses endpoint over its
/// own pooled client (no retry handler: one answer, or none, is the result) and reads at most
/// <see cref="GatewayOptions.ProbeMaxResponseBytes"/> of the reply, all within <see cref="GatewayOptions.ProbeTimeout"/>
/// (the <see cref="ResiliencePipelineNames.UpstreamPing"/> pipeline). Shared by the capability probe and the
/// admin connection test; it never changes account state.
/// </summary>
internal sealed class UpstreamPing(
    IHttpClientFactory httpClients,
    [FromKeyedServices(ResiliencePipelineNames.UpstreamPing)] ResiliencePipeline timeout,
    IOptions<GatewayOptions> options,
    TimeProvider time)
{
    public const string HttpClientName = "upstream-ping";

    private const int MaxDetailLength = 300;

    public async Task<PingResult> SendAsync(Account account, AccountSecret secret, ApiProtocol protocol, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        try
        {
            return await timeout.ExecuteAsync(async ct => await SendOnceAsync(account, secret, protocol, settings, started, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new PingResult(null, $"No answer within {settings.ProbeTimeout.TotalSeconds:0.#} s.", time.GetElapsedTime(started), TimedOut: true);
        }
        catch (HttpRequestException ex)
        {
            return new PingResult(null, Truncate($"Network error: {ex.Message}"), time.GetElapsedTime(started), TimedOut: false, ex.HttpRequestError);
        }
    }

    private async Task<PingResult> SendOnceAsync(Account account, AccountSecret secret, ApiProtocol protocol, GatewayOptions settings, long started, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamHttp.EndpointFor(account.BaseUrl, protocol))
        {
            Content = new StringContent(RequestBody(account, protocol, settings), Encoding.UTF8, "application/json"),
        };
        if (secret.BearerToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        var body = await ReadCappedAsync(response, settings.ProbeMaxResponseBytes, ct);
        return new PingResult(status, Describe(status, response.ReasonPhrase, body), time.GetElapsedTime(started), TimedOut: false);
    }

    // The model barely matters (an unknown-model 400 still proves the route exists); a mapped target is
    // the likeliest name the upstream accepts.
    private static string RequestBody(Account account, ApiProtocol protocol, GatewayOptions settings)
    {
        var model = account.ModelMapping.Values.FirstOrDefault(m => !m.EndsWith('*')) ?? settings.ProbeModel;
        return protocol == ApiProtocol.Responses
            ? JsonSerializer.Serialize(new { model, input = "ping", max_output_tokens = 16, stream = false, store = false })
            : JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = "ping" } }, max_tokens = 16, stream = false });
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[maxBytes];
            var total = 0;
            int read;
            while (total < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(total, maxBytes - total), ct)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status already says what matters; a body cut short only shortens the detail.
            return "";
        }
    }

    private static string Describe(int status, string? reason, string body)
    {
        var detail = $"HTTP {status} {reason}".TrimEnd();
        return ErrorMessage(body) is { Length: > 0 } message ? Truncate($"{detail}: {message}") : detail;
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                    ? message.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}

/// <summary>What a ping got: the HTTP status (null when no answer arrived), a short detail and the latency.</summary>
internal sealed record PingResult(int? Status, string Detail, TimeSpan Latency, bool TimedOut, HttpRequestError? NetworkError = null);
