namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// <c>GET /v1/models</c>: the model names the key's group can reach, from its accounts' model mappings. OpenAI's list shape,
/// or Anthropic's (<c>data</c> of <c>type: "model"</c>, <c>has_more</c>, <c>first_id</c>, <c>last_id</c>) for a caller that
/// sends <c>anthropic-version</c>, as Claude Code does when it lists models.
/// </summary>
internal static class ModelsEndpoints
{
    /// <summary>The gateway knows no creation dates; both shapes carry the epoch.</summary>
    private static readonly DateTimeOffset Unknown = DateTimeOffset.UnixEpoch;

    public static RouteGroupBuilder MapModels(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", async (HttpContext http, AccountPool pool) =>
        {
            await pool.EnsureLoadedAsync(http.RequestAborted);
            var groupId = http.ApiKey().GroupId;
            var ids = pool.Accounts
                .Where(a => a.GroupIds.Contains(groupId) && a.Account.Status == AccountStatus.Active)
                .SelectMany(a => a.Account.ModelMapping.Keys)
                .Where(name => !name.EndsWith('*'))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return http.ClientProtocol() == ApiProtocol.Messages
                ? TypedResults.Json<object>(new AnthropicModelListDto([.. ids.Select(id => new AnthropicModelDto("model", id, id, Unknown))], false, ids.FirstOrDefault(), ids.LastOrDefault()))
                : TypedResults.Json<object>(new ModelListDto("list", [.. ids.Select(id => new ModelDto(id, "model", Unknown.ToUnixTimeSeconds(), "gateway"))]));
        }).WithMetadata(RequestAdmission.Exempted);
        return v1;
    }

    private sealed record ModelListDto(string Object, IReadOnlyList<ModelDto> Data);

    private sealed record ModelDto(string Id, string Object, long Created, string OwnedBy);

    private sealed record AnthropicModelListDto(IReadOnlyList<AnthropicModelDto> Data, bool HasMore, string? FirstId, string? LastId);

    private sealed record AnthropicModelDto(string Type, string Id, string DisplayName, DateTimeOffset CreatedAt);
}
