using System.Globalization;
using Gateway.Core.Usage;
using Gateway.Web.Console.Usage;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for usage logs: <c>GET /api/admin/usage</c> with filters and paging (SPEC 7.1).</summary>
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
        var filter = ReadFilter(request.Query, errors);
        var offset = Number<int>(request.Query["offset"], "offset", errors) ?? 0;
        var limit = Number<int>(request.Query["limit"], "limit", errors) ?? UsageQueryService.DefaultPageSize;
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

    /// <summary>The matching rows as a CSV download (the console's export button).</summary>
    private static async Task<IResult> ExportAsync(HttpContext context, UsageQueryService usage)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = ReadFilter(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"usage.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        await UsageCsv.WriteAsync(usage.ExportAsync(filter, context.RequestAborted), writer, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static UsageFilter ReadFilter(IQueryCollection query, Dictionary<string, List<string>> errors) =>
        new UsageFilter
        {
            From = Time(query["from"], "from", errors),
            To = Time(query["to"], "to", errors),
            AccountId = Number<long>(query["account_id"], "account_id", errors),
            KeyId = Number<long>(query["key_id"], "key_id", errors),
            Model = string.IsNullOrWhiteSpace(query["model"]) ? null : query["model"].ToString(),
            Status = Number<int>(query["status"], "status", errors),
        };

    private static DateTime? Time(string? text, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        errors[field] = ["Must be an ISO-8601 time."];
        return null;
    }

    private static T? Number<T>(string? text, string field, Dictionary<string, List<string>> errors)
        where T : struct, IParsable<T>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (T.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Must be an integer."];
        return null;
    }
}
