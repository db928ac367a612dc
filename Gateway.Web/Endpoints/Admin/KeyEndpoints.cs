namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for client API keys; the secret is in the POST answer only.</summary>
internal static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("API keys");
        group.MapGet("/", ListAsync).WithSummary("List client API keys (never their secrets).");
        group.MapGet("/{id:long}", GetAsync).WithSummary("Read one client API key.");
        group.MapPost("/", CreateAsync).Accepts<ApiKeyBody>("application/json")
            .WithSummary("Create a client API key; the answer's key field holds the secret, the only time it is shown.");
        group.MapPost("/{id:long}/enable", (long id, HttpContext context, ApiKeyAdminService keys) => SetEnabledAsync(id, true, context, keys))
            .WithSummary("Let a disabled key authenticate again.");
        group.MapPost("/{id:long}/disable", (long id, HttpContext context, ApiKeyAdminService keys) => SetEnabledAsync(id, false, context, keys))
            .WithSummary("Stop a key from authenticating, at once, without deleting it.");
        group.MapDelete("/{id:long}", DeleteAsync).WithSummary("Delete a client API key.");
        return api;
    }

    private static async Task<Ok<List<ApiKeyDto>>> ListAsync(ApiKeyAdminService keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(ct)).Select(k => ApiKeyDto.From(k, null)).ToList());

    private static async Task<Results<Ok<ApiKeyDto>, NotFound>> GetAsync(long id, ApiKeyAdminService keys, CancellationToken ct) =>
        await keys.FindAsync(id, ct) is { } key ? TypedResults.Ok(ApiKeyDto.From(key, null)) : TypedResults.NotFound();

    private static async Task<Results<Created<ApiKeyDto>, ValidationProblem>> CreateAsync(HttpContext context, ApiKeyAdminService keys)
    {
        var (fields, error) = await AdminRequests.ReadObjectAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var input = new ApiKeyInput(
            fields!.String("name"),
            fields.Long("group_id"),
            fields.Time("expires_at"),
            fields.Int("concurrency_limit"),
            fields.Int("requests_per_minute"));
        if (fields.Errors.Count > 0)
        {
            return AdminRequests.Invalid(fields.Errors, await keys.ValidateAsync(input, context.RequestAborted));
        }

        var result = await keys.CreateAsync(input, AdminRequests.Actor(context), context.RequestAborted);
        return result.Errors is not null
            ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Created($"/api/admin/keys/{result.Value!.Key.Id}", ApiKeyDto.From(result.Value.Key, result.Value.Secret));
    }

    private static async Task<Results<Ok<ApiKeyDto>, NotFound>> SetEnabledAsync(long id, bool enabled, HttpContext context, ApiKeyAdminService keys) =>
        await keys.SetEnabledAsync(id, enabled, AdminRequests.Actor(context), context.RequestAborted) is { } key ? TypedResults.Ok(ApiKeyDto.From(key, null)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, HttpContext context, ApiKeyAdminService keys) =>
        await keys.DeleteAsync(id, AdminRequests.Actor(context), context.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
}

/// <summary>A key as the admin API shows it; <see cref="Key"/> is set only in the creation answer.</summary>
internal sealed record ApiKeyDto(
    long Id,
    string Name,
    long GroupId,
    string Prefix,
    bool Enabled,
    DateTime? ExpiresAt,
    int? ConcurrencyLimit,
    int? RequestsPerMinute,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Key)
{
    public static ApiKeyDto From(ApiKey k, string? secret) =>
        new(k.Id, k.Name, k.GroupId, k.Prefix, k.Enabled, k.ExpiresAt, k.ConcurrencyLimit, k.RequestsPerMinute, k.CreatedAt, k.LastUsedAt, secret);
}
