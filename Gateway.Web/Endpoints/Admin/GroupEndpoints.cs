using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for groups (SPEC 7.1).</summary>
internal static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/groups");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return api;
    }

    private static async Task<Ok<List<GroupDto>>> ListAsync(GroupAdminService groups, CancellationToken ct) =>
        TypedResults.Ok((await groups.ListAsync(ct)).Select(GroupDto.From).ToList());

    private static async Task<IResult> CreateAsync(HttpContext context, GroupAdminService groups)
    {
        var (name, description, accountIds, error) = await ReadAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var result = await groups.CreateAsync(name, description, accountIds, context.RequestAborted);
        return result.Errors is not null
            ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Created($"/api/admin/groups/{result.Value!.Id}", GroupDto.From(result.Value));
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, GroupAdminService groups)
    {
        var (name, description, accountIds, error) = await ReadAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var result = await groups.UpdateAsync(id, name, description, accountIds, context.RequestAborted);
        return result.IsNotFound ? TypedResults.NotFound()
            : result.Errors is not null ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Ok(GroupDto.From(result.Value!));
    }

    // A group body is {"name", "description", "account_ids"}; both calls read it the same way. Without
    // account_ids a create has no members and an update keeps them.
    private static async Task<(string? Name, string? Description, IReadOnlyList<long>? AccountIds, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var (fields, error) = await AdminRequests.ReadObjectAsync(request);
        if (error is not null)
        {
            return (null, null, null, error);
        }

        var name = fields!.String("name");
        var description = fields.String("description");
        var accountIds = fields.LongArray("account_ids");
        return fields.Errors.Count > 0 ? (null, null, null, AdminRequests.Invalid(fields.Errors)) : (name, description, accountIds, null);
    }

    private static async Task<IResult> DeleteAsync(long id, GroupAdminService groups, CancellationToken ct)
    {
        var result = await groups.DeleteAsync(id, ct);
        return result.IsNotFound ? TypedResults.NotFound()
            : result.Errors is not null ? TypedResults.Problem(result.Errors["id"][0], statusCode: StatusCodes.Status409Conflict)
            : TypedResults.NoContent();
    }
}

/// <summary>A group as the admin API shows it.</summary>
internal sealed record GroupDto(long Id, string Name, string? Description, IReadOnlyList<long> AccountIds, int KeyCount, DateTime CreatedAt)
{
    public static GroupDto From(Group g) => new(g.Id, g.Name, g.Description, [.. g.Accounts.Select(a => a.Id).Order()], g.ApiKeys.Count, g.CreatedAt);
}
