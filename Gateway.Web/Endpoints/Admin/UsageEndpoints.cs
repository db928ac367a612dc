namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for usage logs: <c>GET /api/admin/usage</c> with filters and paging, and its CSV export.</summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/usage").WithTags("Usage");
        group.MapGet("/", QueryAsync).WithSummary("Usage rows, newest first, with filters and paging.")
            .AddOpenApiOperationTransformer((operation, _, _) => AdminQuery.Describe(operation, [.. Filters, .. AdminQuery.Paging(UsageQueryService.DefaultPageSize, UsageQueryService.MaxPageSize)]));
        group.MapGet("/export", ExportAsync).WithSummary("The rows matching the same filters as a CSV download, with names instead of ids.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .AddOpenApiOperationTransformer((operation, _, _) => AdminQuery.Describe(operation, Filters));
        return api;
    }

    private static async Task<Results<Ok<UsagePageDto>, ValidationProblem>> QueryAsync(HttpRequest request, UsageQueryService usage)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = UsageQueryString.Parse(request.Query, errors);
        var (offset, limit) = AdminQuery.ReadPaging(request.Query, UsageQueryService.DefaultPageSize, UsageQueryService.MaxPageSize, errors);
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
    private static readonly QueryParameter[] Filters =
    [
        new("from", JsonSchemaType.String, "Rows created at or after this ISO-8601 time (UTC when no offset is given)."),
        new("to", JsonSchemaType.String, "Rows created before this ISO-8601 time."),
        new("account_id", JsonSchemaType.Integer, "Rows whose final answer came from this account."),
        new("key_id", JsonSchemaType.Integer, "Rows of this client API key."),
        new("model", JsonSchemaType.String, "Rows for this requested model."),
        new("status", JsonSchemaType.Integer, "Rows whose final status is this."),
        new("attempt_status", JsonSchemaType.Integer, "Rows with an attempt that got this upstream status."),
        new("failed_over", JsonSchemaType.Boolean, "Rows that did (true) or did not (false) switch accounts."),
        new("request_id", JsonSchemaType.String, "The row of this request id: the x-request-id the gateway answered with, or the rows of one the client sent."),
    ];
}

/// <summary>A page of usage rows as the admin API shows it.</summary>
internal sealed record UsagePageDto(IReadOnlyList<UsageLogDto> Items, int Total, int Offset, int Limit)
{
    public static UsagePageDto From(ListPage<UsageLog> page) => new([.. page.Items.Select(UsageLogDto.From)], page.Total, page.Offset, page.Limit);
}

/// <summary>One usage row as the admin API shows it, with its attempt trace.</summary>
internal sealed record UsageLogDto(
    long Id,
    DateTime CreatedAt,
    string RequestId,
    string? ClientRequestId,
    string? ResponseId,
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
        u.Id, u.CreatedAt, u.RequestId, u.ClientRequestId, u.ResponseId, u.KeyId, u.GroupId, u.AccountId, u.Model, u.UpstreamModel, u.InboundProtocol, u.UpstreamProtocol,
        u.Stream, u.Status, u.InputTokens, u.OutputTokens, u.CachedTokens, u.DurationMs, u.FirstTokenMs, u.Attempts, u.Error, u.Trace);
}
