namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for the audit trail: <c>GET /api/admin/audit</c>, who changed what and when, with filters and paging.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", QueryAsync).WithTags("Audit")
            .WithSummary("Audit entries (every admin change and the gateway's own account state changes), newest first, with filters and paging.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
                AdminQuery.Describe(operation, [.. Filters, .. AdminQuery.Paging(AuditQueryService.DefaultPageSize, AuditQueryService.MaxPageSize)]));
        return api;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> QueryAsync(HttpRequest request, AuditQueryService audit)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = Parse(request.Query, errors);
        var (offset, limit) = AdminQuery.ReadPaging(request.Query, AuditQueryService.DefaultPageSize, AuditQueryService.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        return TypedResults.Ok(AuditPageDto.From(await audit.QueryAsync(filter, offset, limit, request.HttpContext.RequestAborted)));
    }

    private static AuditFilter Parse(IQueryCollection query, Dictionary<string, List<string>> errors)
    {
        var action = string.IsNullOrWhiteSpace(query["action"]) ? null : query["action"].ToString().Trim();
        if (action is not null && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            errors["action"] = [$"Must be one of: {string.Join(", ", AuditActions.All)}."];
        }

        return new AuditFilter
        {
            From = QueryValues.Time(query["from"], "from", errors),
            To = QueryValues.Time(query["to"], "to", errors),
            Action = action,
            Actor = string.IsNullOrWhiteSpace(query["actor"]) ? null : query["actor"].ToString().Trim(),
            AccountId = QueryValues.Number<long>(query["account_id"], "account_id", errors),
        };
    }

    // The handler reads the query string itself so that every bad parameter is named in one 400.
    private static readonly QueryParameter[] Filters =
    [
        new("from", JsonSchemaType.String, "Entries written at or after this ISO-8601 time (UTC when no offset is given)."),
        new("to", JsonSchemaType.String, "Entries written before this ISO-8601 time."),
        new("action", JsonSchemaType.String, $"Entries of this action: {string.Join(", ", AuditActions.All)}."),
        new("actor", JsonSchemaType.String, "Entries by this actor, matched exactly: an admin's name, admin-token:<name>, bootstrap-token, gateway or system."),
        new("account_id", JsonSchemaType.Integer, "Entries about this account."),
    ];
}

/// <summary>A page of audit entries as the admin API shows it.</summary>
internal sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total, int Offset, int Limit)
{
    public static AuditPageDto From(ListPage<AuditEntry> page) => new([.. page.Items.Select(AuditEntryDto.From)], page.Total, page.Offset, page.Limit);
}

/// <summary>One audit entry as the admin API shows it: when, what, who, about which account (none for groups, keys and jobs), and its detail.</summary>
internal sealed record AuditEntryDto(long Id, DateTime CreatedAt, string Action, string Actor, long? AccountId, string? Detail)
{
    public static AuditEntryDto From(AuditEntry a) => new(a.Id, a.CreatedAt, a.Action, a.Actor, a.AccountId, a.Detail);
}
