namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for upstream accounts.</summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts");
        group.MapGet("/", ListAsync).WithSummary("List upstream accounts with their state (secrets are never shown).");
        group.MapPost("/", CreateAsync).Accepts<AccountBody>("application/json").WithSummary("Create an upstream account.");
        group.MapGet("/{id:long}", GetAsync).WithSummary("Read one upstream account.");
        group.MapPut("/{id:long}", UpdateAsync).Accepts<AccountBody>("application/json")
            .WithSummary("Replace an account; write-only secrets left out are kept, unless the base URL or token URL moves to another origin (scheme, host, port) or the platform changes.");
        group.MapDelete("/{id:long}", DeleteAsync).WithSummary("Delete an upstream account.");
        group.MapPost("/{id:long}/clear-cooldown", ClearCooldownAsync).WithSummary("Clear the account's cooldown, model suspensions, 403 strikes and error state.");
        group.MapPost("/{id:long}/test", TestAsync).Accepts<ConnectionTestBody>(isOptional: true, "application/json")
            .WithSummary("Send a tiny request through the account now and report the upstream status, latency and reply.");
        return api;
    }

    private static async Task<Ok<List<AccountDto>>> ListAsync(AccountAdminService accounts, CancellationToken ct)
    {
        var suspensions = await accounts.SuspensionsAsync(ct);
        var list = await accounts.ListAsync(ct);
        return TypedResults.Ok(list.Select(a => AccountDto.From(a, suspensions[a.Id])).ToList());
    }

    private static async Task<Results<Ok<AccountDto>, NotFound>> GetAsync(long id, AccountAdminService accounts, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        var suspensions = await accounts.SuspensionsAsync(ct);
        return TypedResults.Ok(AccountDto.From(account, suspensions[id]));
    }

    private static async Task<Results<Created<AccountDto>, ValidationProblem>> CreateAsync(HttpContext context, AccountAdminService accounts)
    {
        var (input, error) = await ReadInputAsync(context.Request, isCreate: true);
        if (error is not null)
        {
            return error;
        }

        var result = await accounts.CreateAsync(input!, AdminRequests.Actor(context), context.RequestAborted);
        return result.Errors is not null
            ? AdminRequests.Invalid(result.Errors)
            : TypedResults.Created($"/api/admin/accounts/{result.Value!.Id}", AccountDto.From(result.Value));
    }

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> UpdateAsync(long id, HttpContext context, AccountAdminService accounts)
    {
        var (input, error) = await ReadInputAsync(context.Request, isCreate: false);
        if (error is not null)
        {
            return error;
        }

        var result = await accounts.UpdateAsync(id, input!, AdminRequests.Actor(context), context.RequestAborted);
        if (result.IsNotFound)
        {
            return TypedResults.NotFound();
        }

        if (result.Errors is not null)
        {
            return AdminRequests.Invalid(result.Errors);
        }

        var suspensions = await accounts.SuspensionsAsync(context.RequestAborted);
        return TypedResults.Ok(AccountDto.From(result.Value!, suspensions[id]));
    }

    // The body as account input, or the validation problem that names every field of the wrong type and, besides them, what
    // the validator finds.
    private static async Task<(AccountInput? Input, ValidationProblem? Error)> ReadInputAsync(HttpRequest request, bool isCreate)
    {
        var (fields, error) = await AdminRequests.ReadObjectAsync(request);
        if (error is not null)
        {
            return (null, error);
        }

        var input = AccountInputReader.Read(fields!);
        return fields!.Errors.Count > 0 ? (null, AdminRequests.Invalid(fields.Errors, AccountInputValidator.Validate(input, isCreate))) : (input, null);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, HttpContext context, AccountAdminService accounts) =>
        await accounts.DeleteAsync(id, AdminRequests.Actor(context), context.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<AccountDto>, NotFound>> ClearCooldownAsync(long id, HttpContext context, AccountAdminService accounts)
    {
        var account = await accounts.ClearCooldownAsync(id, AdminRequests.Actor(context), context.RequestAborted);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(AccountDto.From(account));
    }

    /// <summary>
    /// Sends a tiny request through the account now; the optional body <c>{"protocol": "chat" | "responses" | "messages",
    /// "model"}</c> picks the endpoint, among those the account's platform speaks (an anthropic account is tested over
    /// Messages), and the model.
    /// </summary>
    private static async Task<Results<Ok<ConnectionTestDto>, NotFound, ValidationProblem>> TestAsync(long id, HttpContext context, IAccountConnectionTester tester)
    {
        var protocol = ApiProtocol.Chat;
        string? model = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (fields, error) = await AdminRequests.ReadObjectAsync(context.Request);
            if (error is not null)
            {
                return error;
            }

            protocol = fields!.Enum<ApiProtocol>("protocol", AccountEnumNames.TryParseProtocol, "chat, responses, messages") ?? ApiProtocol.Chat;
            model = fields.String("model");
            if (fields.Errors.Count > 0)
            {
                return AdminRequests.Invalid(fields.Errors);
            }
        }

        var result = await tester.TestAsync(id, protocol, model, context.RequestAborted);
        return result is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ConnectionTestDto(result.Protocol, result.Succeeded, result.Status, result.LatencyMs, result.Detail, result.Model, result.Reply));
    }
}

/// <summary>The answer of a connection test: the upstream status (null when none arrived), latency, detail, the model sent and the reply text.</summary>
internal sealed record ConnectionTestDto(ApiProtocol Protocol, bool Succeeded, int? Status, int LatencyMs, string Detail, string Model, string? Reply);
