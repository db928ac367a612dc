using System.Globalization;
using Gateway.Core.Usage;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for usage logs: <c>GET /api/admin/usage</c> with filters and paging (SPEC 7.1).</summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", QueryAsync);
        return api;
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, UsageQueryService usage)
    {
        var errors = new Dictionary<string, List<string>>();
        var query = request.Query;
        var filter = new UsageFilter
        {
            From = Time(query["from"], "from", errors),
            To = Time(query["to"], "to", errors),
            AccountId = Number<long>(query["account_id"], "account_id", errors),
            KeyId = Number<long>(query["key_id"], "key_id", errors),
            Model = string.IsNullOrWhiteSpace(query["model"]) ? null : query["model"].ToString(),
            Status = Number<int>(query["status"], "status", errors),
        };
        var offset = Number<int>(query["offset"], "offset", errors) ?? 0;
        var limit = Number<int>(query["limit"], "limit", errors) ?? UsageQueryService.DefaultPageSize;
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
