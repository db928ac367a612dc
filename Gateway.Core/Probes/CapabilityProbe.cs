using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Probes;

/// <summary>
/// Sends the minimal non-streaming <c>POST {base_url}/v1/responses</c> over its own pooled client
/// (no retry handler: one answer is the verdict) and reads at most
/// <see cref="GatewayOptions.ProbeMaxResponseBytes"/> of the reply.
/// </summary>
internal sealed partial class CapabilityProbe(
    IHttpClientFactory httpClients,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<CapabilityProbe> logger) : ICapabilityProbe
{
    public const string HttpClientName = "capability-probe";

    private const int MaxDetailLength = 300;

    public async Task<ProbeVerdict> ProbeAsync(Account account, AccountSecret secret, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamUrl.For(account.BaseUrl, "responses"))
        {
            Content = new StringContent(RequestBody(account, settings), Encoding.UTF8, "application/json"),
        };
        if (secret.BearerToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var body = await ReadCappedAsync(response, settings.ProbeMaxResponseBytes, linked.Token);
            var supported = ProbeVerdicts.ResponsesSupported(status);
            LogAnswered(account.Id, status, supported);
            return new ProbeVerdict(supported, status, Describe(status, response.ReasonPhrase, body), Now());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(account.Id, "timeout");
            return new ProbeVerdict(null, null, $"No answer within {settings.ProbeTimeout.TotalSeconds:0.#} s.", Now());
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(account.Id, ex.HttpRequestError.ToString());
            return new ProbeVerdict(null, null, Truncate($"Network error: {ex.Message}"), Now());
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    // The model barely matters (an unknown-model 400 still proves the route exists); a mapped target is
    // the likeliest name the upstream accepts.
    private static string RequestBody(Account account, GatewayOptions settings)
    {
        var model = account.ModelMapping.Values.FirstOrDefault(m => !m.EndsWith('*')) ?? settings.ProbeModel;
        return JsonSerializer.Serialize(new { model, input = "ping", max_output_tokens = 16, stream = false, store = false });
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
            // The status already decided the verdict; a body cut short only shortens the detail.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Capability probe of account {AccountId} answered {Status}: Responses supported = {Supported}")]
    private partial void LogAnswered(long accountId, int status, bool supported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capability probe of account {AccountId} got no answer ({Reason}); verdict unknown")]
    private partial void LogUnreachable(long accountId, string reason);
}
