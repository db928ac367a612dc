using Gateway.Core.Accounts;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary><c>GET /v1/models</c>: the model names the key's group can reach, from its accounts' model mappings.</summary>
internal static class ModelsEndpoints
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", async (HttpContext http, AccountPool pool) =>
        {
            await pool.EnsureLoadedAsync(http.RequestAborted);
            var groupId = http.ApiKey().GroupId;
            var models = pool.Accounts
                .Where(a => a.GroupIds.Contains(groupId) && a.Account.Status == AccountStatus.Active)
                .SelectMany(a => a.Account.ModelMapping.Keys)
                .Where(name => !name.EndsWith('*'))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(id => new ModelDto(id, "model", 0, "gateway"))
                .ToList();
            return TypedResults.Json(new ModelListDto("list", models));
        });
        return v1;
    }

    private sealed record ModelListDto(string Object, IReadOnlyList<ModelDto> Data);

    private sealed record ModelDto(string Id, string Object, long Created, string OwnedBy);
}
