namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Length limits on the client strings the gateway keeps (SPEC 9, bad input never loses data): the model name goes into
/// usage rows, suspensions and the endpoint cache, the session key into the sticky-session table. A longer value is
/// refused with 400 rather than stored, cut or kept in memory.
/// </summary>
internal static class InputLimits
{
    public static readonly string[] SessionHeaders = ["session_id", "conversation_id", "x-session-id"];

    /// <summary>The complaint about the first value that is too long, or null when every value fits.</summary>
    /// <param name="model">The body's <c>model</c>, as the caller already read it.</param>
    public static (string Message, string Code)? Check(HttpRequest request, JsonElement body, string? model, GatewayOptions options)
    {
        if (model?.Length > options.MaxModelNameLength)
        {
            return ($"'model' must be at most {options.MaxModelNameLength} characters.", "model_too_long");
        }

        foreach (var header in SessionHeaders)
        {
            if (request.Headers[header].ToString().Length > options.MaxSessionIdLength)
            {
                return ($"The '{header}' header must be at most {options.MaxSessionIdLength} characters.", "session_id_too_long");
            }
        }

        if (body.TryGetProperty("previous_response_id", out var previous) && previous.ValueKind == JsonValueKind.String
            && previous.GetString()!.Length > options.MaxSessionIdLength)
        {
            return ($"'previous_response_id' must be at most {options.MaxSessionIdLength} characters.", "session_id_too_long");
        }

        if (body.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("user_id", out var user) && user.ValueKind == JsonValueKind.String
            && user.GetString()!.Length > options.MaxSessionIdLength)
        {
            return ($"'metadata.user_id' must be at most {options.MaxSessionIdLength} characters.", "session_id_too_long");
        }

        return null;
    }
}
