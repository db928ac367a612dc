namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for feature flags: a flat object such as <c>{"auto_endpoint": true}</c>.</summary>
internal static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/settings").WithTags("Settings");
        group.MapGet("/", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(SettingsDto.From(await settings.GetAsync(ct))))
            .WithSummary("Read the feature flags.");
        group.MapPut("/", UpdateAsync).Accepts<SettingsBody>("application/json").WithSummary("Change feature flags; unknown names are refused.");
        return api;
    }

    private static async Task<Results<Ok<SettingsDto>, ValidationProblem>> UpdateAsync(HttpContext context, SettingsService settings)
    {
        var (fields, error) = await AdminRequests.ReadObjectAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        foreach (var property in fields!.Root.EnumerateObject())
        {
            if (property.Name != FeatureSettings.AutoEndpointKey)
            {
                fields.AddError(property.Name, "Unknown setting.");
            }
        }

        var current = await settings.GetAsync(context.RequestAborted);
        var autoEndpoint = fields.Bool(FeatureSettings.AutoEndpointKey);
        if (fields.Errors.Count > 0)
        {
            return AdminRequests.Invalid(fields.Errors);
        }

        var saved = await settings.SaveAsync(current with { AutoEndpoint = autoEndpoint ?? current.AutoEndpoint }, context.RequestAborted);
        return TypedResults.Ok(SettingsDto.From(saved));
    }
}

/// <summary>The settings object of the admin API.</summary>
internal sealed record SettingsDto(bool AutoEndpoint)
{
    public static SettingsDto From(FeatureSettings s) => new(s.AutoEndpoint);
}
