using Scalar.AspNetCore;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>
/// The admin API described for machines: an OpenAPI document of every <c>/api/admin/</c> route at
/// <c>/api/admin/openapi/admin.json</c> and a reference page reading it at <see cref="ReferencePath"/>, both for admins only.
/// </summary>
internal static class AdminApiDocument
{
    private const string DocumentName = "admin";
    private const string ReferencePath = ConsoleRoutes.ApiReference;

    private const string DocumentRoute = "/api/admin/openapi/{documentName}.json";

    private const string BearerScheme = "bearer";
    private const string CookieScheme = "cookie";

    public static IServiceCollection AddAdminApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/admin/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gateway admin API",
                    Version = "v1",
                    Description = "Everything the console does, over HTTP. JSON with snake_case names; enum values are lower-case strings; "
                        + "times are ISO-8601 UTC. Validation failures answer 400 with a problem-details body naming every bad field.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An admin token (created in the console) or Admin:BootstrapToken.",
                    },
                    [CookieScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = ".Gateway.Auth",
                        Description = "The console's sign-in cookie.",
                    },
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
                ];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in and no valid admin token." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = ForbiddenText(context.Description.HttpMethod) });
                if (!IsRead(context.Description.HttpMethod))
                {
                    operation.Responses.TryAdd("415", new OpenApiResponse { Description = "A body that is not application/json." });
                }

                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapAdminApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).RequireAuthorization(AdminSecurityExtensions.AdminPolicy);
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Gateway admin API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .AddDocument(DocumentName)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .RequireAuthorization(AdminSecurityExtensions.AdminPolicy);
        return app;
    }

    private static bool IsRead(string? method) => method is null || HttpMethods.IsGet(method);

    private static string ForbiddenText(string? method) =>
        IsRead(method)
            ? "Signed in without a role that may read this."
            : "Signed in as a viewer (only admins may change anything), or a console session without the anti-forgery token in X-CSRF-TOKEN.";
}
