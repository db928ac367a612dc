namespace Gateway.Web.Security;

/// <summary>Identity for console users, admin bearer tokens for the REST API, and the policies tying them together.</summary>
internal static class AdminSecurityExtensions
{
    /// <summary>Cookie or bearer, whichever the caller presents.</summary>
    public const string AdminApiScheme = "AdminApi";

    /// <summary>Admins through the console cookie or an admin token.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Admins or viewers: what may read the admin API.</summary>
    public const string ReaderPolicy = "Reader";

    public static IServiceCollection AddAdminSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(AdminApiScheme, "Admin cookie or token", o =>
                o.ForwardDefaultSelector = ctx =>
                    AdminRequestGuard.IsBearer(ctx.Request) ? AdminTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = ".Gateway.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);

            // API callers get status codes, never a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AdminUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GatewayDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Anti-forgery tokens in a header too (the admin API's cookie callers, Hangfire's dashboard), besides form fields.
        services.AddAntiforgery(o => o.HeaderName = AdminRequestGuard.HeaderName);

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(AdminApiScheme).RequireRole(AdminRoles.Admin))
            .AddPolicy(ReaderPolicy, p => p.AddAuthenticationSchemes(AdminApiScheme).RequireRole(AdminRoles.Admin, AdminRoles.Viewer));
        services.AddSessionValidation();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<FirstRunSetup>();
        services.AddScoped<FirstRunState>();
        services.AddHostedService<AdminBootstrapper>();
        services.AddHostedService<SetupTokenAnnouncer>();
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/v1") || ctx.Request.Path.StartsWithSegments("/metrics"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
