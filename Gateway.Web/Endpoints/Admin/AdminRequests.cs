namespace Gateway.Web.Endpoints.Admin;

/// <summary>Reading admin request bodies and shaping admin answers.</summary>
internal static class AdminRequests
{
    /// <summary>Reads the body as a JSON object; a malformed or non-object body is a validation error.</summary>
    public static async Task<(JsonFields? Fields, ValidationProblem? Error)> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid(new Dictionary<string, List<string>> { ["body"] = ["The body must be a JSON object."] }));
            }

            return (new JsonFields(document.RootElement.Clone()), null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid(new Dictionary<string, List<string>> { ["body"] = [$"The body is not valid JSON: {ex.Message}"] }));
        }
    }

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "One or more fields are invalid.");

    /// <summary>
    /// Every bad field at once: the fields of the wrong type, and for the others what the rules refuse (a field of the wrong
    /// type is read as absent, so the rules' message about it would mislead).
    /// </summary>
    public static ValidationProblem Invalid(Dictionary<string, List<string>> typeErrors, IReadOnlyDictionary<string, List<string>> ruleErrors)
    {
        foreach (var (field, messages) in ruleErrors)
        {
            typeErrors.TryAdd(field, messages);
        }

        return Invalid(typeErrors);
    }

    /// <summary>The acting admin's name, for audit entries.</summary>
    public static string Actor(HttpContext context) => context.User.Identity?.Name ?? "admin";
}
