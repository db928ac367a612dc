using Gateway.Core.Usage;
using Gateway.Web.Console.Usage;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for usage logs: <c>GET /api/admin/usage</c> with filters and paging (SPEC 7.1), and its CSV export.</summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", QueryAsync).WithTags("Usage").WithSummary("Usage rows, newest first, with filters and paging.");
        api.MapGet("/usage/export", ExportAsync).WithTags("Usage").WithSummary("The rows matching the same filters as a CSV download, with names instead of ids.");
        return api;
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, UsageQueryService usage)
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

        return TypedResults.Ok(await usage.QueryAsync(filter, offset, limit, request.HttpContext.RequestAborted));
    }

    /// <summary>The matching rows as a CSV download with names instead of ids (the console's export button).</summary>
    private static async Task<IResult> ExportAsync(HttpContext context, UsageQueryService usage)
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
}
