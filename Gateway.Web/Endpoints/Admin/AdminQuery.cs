namespace Gateway.Web.Endpoints.Admin;

/// <summary>A query parameter a handler reads itself (so every bad one is named in one 400), as the OpenAPI document describes it.</summary>
internal sealed record QueryParameter(string Name, JsonSchemaType Type, string Description);

/// <summary>The paging and the query-parameter descriptions the admin API's listing endpoints share.</summary>
internal static class AdminQuery
{
    /// <summary>Reads <c>offset</c> (default 0) and <c>limit</c> (1 to <paramref name="maxLimit"/>); each bad one adds an error.</summary>
    public static (int Offset, int Limit) ReadPaging(IQueryCollection query, int defaultLimit, int maxLimit, Dictionary<string, List<string>> errors)
    {
        var offset = QueryValues.Number<int>(query["offset"], "offset", errors) ?? 0;
        var limit = QueryValues.Number<int>(query["limit"], "limit", errors) ?? defaultLimit;
        if (offset < 0)
        {
            errors["offset"] = ["Must be zero or more."];
        }

        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"Must be between 1 and {maxLimit}."];
        }

        return (offset, limit);
    }

    /// <summary>The paging parameters <see cref="ReadPaging"/> reads, described.</summary>
    public static QueryParameter[] Paging(int defaultLimit, int maxLimit) =>
    [
        new("offset", JsonSchemaType.Integer, "Rows to skip (default 0)."),
        new("limit", JsonSchemaType.Integer, $"Rows per page, 1 to {maxLimit} (default {defaultLimit})."),
    ];

    /// <summary>Adds <paramref name="parameters"/> to the operation's description.</summary>
    public static Task Describe(OpenApiOperation operation, IEnumerable<QueryParameter> parameters)
    {
        operation.Parameters ??= [];
        foreach (var parameter in parameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = parameter.Type },
            });
        }

        return Task.CompletedTask;
    }
}
