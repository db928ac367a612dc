using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Core.Forwarding;

/// <summary>Writes the gateway's own errors in OpenAI's shape: <c>{"error":{"message","type","code"}}</c>.</summary>
public static class OpenAiErrors
{
    /// <summary>The error body alone, e.g. for a failure the upstream reported inside its answer.</summary>
    internal static byte[] Body(string message, string type, string? code) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(message, type, code)));

    public static async Task WriteAsync(HttpResponse response, int status, string message, string type, string? code, int? retryAfterSeconds = null)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(Body(message, type, code), response.HttpContext.RequestAborted);
    }

    private sealed record ErrorEnvelope([property: System.Text.Json.Serialization.JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] string? Code);
}
