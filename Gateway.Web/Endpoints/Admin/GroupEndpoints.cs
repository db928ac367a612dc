namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for groups: the account pools API keys are bound to.</summary>
internal static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/groups").WithTags("Groups");
        group.MapGet("/", ListAsync).WithSummary("List groups with their member accounts and key counts.");
        group.MapGet("/{id:long}", GetAsync).WithSummary("Read one group.");
        group.MapPost("/", CreateAsync).Accepts<GroupBody>("application/json").WithSummary("Create a group.");
        group.MapPut("/{id:long}", UpdateAsync).Accepts<GroupBody>("application/json").WithSummary("Replace a group's name, description and (when given) members.");
        group.MapDelete("/{id:long}", DeleteAsync).WithSummary("Delete a group no API key uses (409 while keys use it).");
        return api;
    }

    private static async Task<Ok<List<GroupDto>>> ListAsync(GroupAdminService groups, CancellationToken ct) =>
        TypedResults.Ok((await groups.ListAsync(ct)).Select(GroupDto.From).ToList());

    private static async Task<Results<Ok<GroupDto>, NotFound>> GetAsync(long id, GroupAdminService groups, CancellationToken ct) =>
        await groups.FindAsync(id, ct) is { } group ? TypedResults.Ok(GroupDto.From(group)) : TypedResults.NotFound();

    private static async Task<Results<Created<GroupDto>, ValidationProblem>> CreateAsync(HttpContext context, GroupAdminService groups)
    {
        var (body, error) = await ReadAsync(context.Request, null, groups);
        if (error is not null)
        {
            return error;
        }

        var result = await groups.CreateAsync(body.Name, body.Description, body.AccountIds, AdminRequests.Actor(context), context.RequestAborted);
        return result.Errors is not null
            ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Created($"/api/admin/groups/{result.Value!.Id}", GroupDto.From(result.Value));
    }

    private static async Task<Results<Ok<GroupDto>, NotFound, ValidationProblem>> UpdateAsync(long id, HttpContext context, GroupAdminService groups)
    {
        var (body, error) = await ReadAsync(context.Request, id, groups);
        if (error is not null)
        {
            return error;
        }

        var result = await groups.UpdateAsync(id, body.Name, body.Description, body.AccountIds, AdminRequests.Actor(context), context.RequestAborted);
        return result.IsNotFound ? TypedResults.NotFound()
            : result.Errors is not null ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Ok(GroupDto.From(result.Value!));
    }

    // Both calls read {"name", "description", "account_ids"} the same way; a field of the wrong type is named with every
    // other bad field of the group (id null for a new one).
    private static async Task<(GroupFields Body, ValidationProblem? Error)> ReadAsync(HttpRequest request, long? id, GroupAdminService groups)
    {
        var (fields, error) = await AdminRequests.ReadObjectAsync(request);
        if (error is not null)
        {
            return (default, error);
        }

        var body = new GroupFields(fields!.String("name"), fields.String("description"), fields.LongArray("account_ids"));
        return fields.Errors.Count > 0
            ? (default, AdminRequests.Invalid(fields.Errors, await groups.ValidateAsync(id, body.Name, body.Description, body.AccountIds, request.HttpContext.RequestAborted)))
            : (body, null);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(long id, HttpContext context, GroupAdminService groups)
    {
        var result = await groups.DeleteAsync(id, AdminRequests.Actor(context), context.RequestAborted);
        return result.IsNotFound ? TypedResults.NotFound()
            : result.Errors is not null ? TypedResults.Problem(result.Errors["id"][0], statusCode: StatusCodes.Status409Conflict)
            : TypedResults.NoContent();
    }

    private readonly record struct GroupFields(string? Name, string? Description, IReadOnlyList<long>? AccountIds);
}

/// <summary>A group as the admin API shows it.</summary>
internal sealed record GroupDto(long Id, string Name, string? Description, IReadOnlyList<long> AccountIds, int KeyCount, DateTime CreatedAt)
{
    public static GroupDto From(Group g) => new(g.Id, g.Name, g.Description, [.. g.Accounts.Select(a => a.Id).Order()], g.ApiKeys.Count, g.CreatedAt);
}
