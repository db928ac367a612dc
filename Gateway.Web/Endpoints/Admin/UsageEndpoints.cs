namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for usage logs: <c>GET /api/admin/usage</c> with filters and paging, and its CSV export.</summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/usage").WithTags("Usage");
        group.MapGet("/", QueryAsync).WithSummary("Usage rows, newest first, with filters and paging.")
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeQuery(operation, paged: true));
        group.MapGet("/export", ExportAsync).WithSummary("The rows matching the same filters as a CSV download, with names instead of ids.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeQuery(operation, paged: false));
        return api;
    }

    private static async Task<Results<Ok<UsagePageDto>, ValidationProblem>> QueryAsync(HttpRequest request, UsageQueryService usage)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = UsageQueryString.Parse(request.Query, errors);
        var offset = UsageQueryString.Number<int>(request.Query["offset"], "offset", errors) ?? 0;
        var limit = UsageQueryString.Number<int>(request.Query["limit"], "limit", errors) ?? UsageQueryService.DefaultPageSize;
        if (offset < 0)
        {
            errors["offset"] = ["Must be zero or more."];
        }

        if (limit is < 1 or > UsageQueryService.MaxPageSize)
        {
            errors["limit"] = [$"Must be between 1 and {UsageQueryService.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        return TypedResults.Ok(UsagePageDto.From(await usage.QueryAsync(filter, offset, limit, request.HttpContext.RequestAborted)));
    }

    /// <summary>The matching rows as a CSV download with names instead of ids (the console's export button).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync(HttpContext context, UsageQueryService usage)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = UsageQueryString.Parse(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"usage.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        var names = await usage.NamesAsync(context.RequestAborted);
        await UsageCsv.WriteAsync(usage.ExportAsync(filter, context.RequestAborted), names, writer, context.RequestAborted);
        return TypedResults.Empty;
    }

    // The handlers read the query string themselves (UsageQueryString) so that every bad parameter is named in one 400.
    private static Task DescribeQuery(OpenApiOperation operation, bool paged)
    {
        operation.Parameters ??= [];
        foreach (var (name, type, description) in QueryParameters.Where(p => paged || p.Name is not ("offset" or "limit")))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type },
            });
        }

        return Task.CompletedTask;
    }

    private static readonly (string Name, JsonSchemaType Type, string Description)[] QueryParameters =
    [
        ("from", JsonSchemaType.String, "Rows created at or after this ISO-8601 time (UTC when no offset is given)."),
        ("to", JsonSchemaType.String, "Rows created before this ISO-8601 time."),
        ("account_id", JsonSchemaType.Integer, "Rows whose final answer came from this account."),
        ("key_id", JsonSchemaType.Integer, "Rows of this client API key."),
        ("model", JsonSchemaType.String, "Rows for this requested model."),
        ("status", JsonSchemaType.Integer, "Rows whose final status is this."),
        ("attempt_status", JsonSchemaType.Integer, "Rows with an attempt that got this upstream status."),
        ("failed_over", JsonSchemaType.Boolean, "Rows that did (true) or did not (false) switch accounts."),
        ("offset", JsonSchemaType.Integer, "Rows to skip (default 0)."),
        ("limit", JsonSchemaType.Integer, $"Rows per page, 1 to {UsageQueryService.MaxPageSize} (default {UsageQueryService.DefaultPageSize})."),
    ];
}

/// <summary>A page of usage rows as the admin API shows it.</summary>
internal sealed record UsagePageDto(IReadOnlyList<UsageLogDto> Items, int Total, int Offset, int Limit)
{
    public static UsagePageDto From(UsagePage page) => new([.. page.Items.Select(UsageLogDto.From)], page.Total, page.Offset, page.Limit);
}

/// <summary>One usage row as the admin API shows it, with its attempt trace.</summary>
internal sealed record UsageLogDto(
    long Id,
    DateTime CreatedAt,
    string RequestId,
    string? ClientRequestId,
    long? KeyId,
    long? GroupId,
    long? AccountId,
    string Model,
    string? UpstreamModel,
    ApiProtocol InboundProtocol,
    ApiProtocol? UpstreamProtocol,
    bool Stream,
    int Status,
    int InputTokens,
    int OutputTokens,
    int CachedTokens,
    int DurationMs,
    int? FirstTokenMs,
    int Attempts,
    string? Error,
    IReadOnlyList<AttemptTrace> Trace)
{
    public static UsageLogDto From(UsageLog u) => new(
        u.Id, u.CreatedAt, u.RequestId, u.ClientRequestId, u.KeyId, u.GroupId, u.AccountId, u.Model, u.UpstreamModel, u.InboundProtocol, u.UpstreamProtocol,
        u.Stream, u.Status, u.InputTokens, u.OutputTokens, u.CachedTokens, u.DurationMs, u.FirstTokenMs, u.Attempts, u.Error, u.Trace);
}
