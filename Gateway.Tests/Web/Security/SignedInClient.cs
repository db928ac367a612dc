using System.Net;

namespace Gateway.Tests.Web.Security;

/// <summary>A client signed in to the console with a new user of the given role (its cookie, no bearer token).</summary>
internal static class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(GatewayAppFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        const string password = "Signed-In-Pass-9";
        using (var scope = app.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            var user = new AdminUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await LoginTests.PostLoginAsync(client, email, password)).StatusCode);
        return client;
    }
}
