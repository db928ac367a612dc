namespace Gateway.Web.Security;

/// <summary>
/// <c>POST /logout</c>: only with the console form's anti-forgery token (another site cannot sign an admin out), and it
/// ends the session everywhere: the user's security stamp changes, so a copy of the cookie stops working too.
/// </summary>
internal static class LogoutEndpoint
{
    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder app)
    {
        app.MapPost(ConsoleRoutes.Logout, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AdminUser> signIn, SessionRevocations revocations) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                revocations.Revoke(await signIn.UserManager.GetSecurityStampAsync(user));
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(ConsoleRoutes.Login);
        }).DisableAntiforgery();
        return app;
    }
}
