using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Tests.Web.Security;

/// <summary>The client API checks its own keys: the console's cookie authentication stays off its path, not off the console's.</summary>
public sealed class ClientApiPipelineTests
{
    [Fact]
    public async Task ClientApiRequest_RunsNoConsoleAuthentication_AnAdminApiRequestDoes()
    {
        var authentication = new CountingAuthentication();
        using var app = new GatewayAppFactory().WithServices(services =>
            services.AddSingleton<IAuthenticationService>(sp => authentication.Around(ActivatorUtilities.CreateInstance<AuthenticationService>(sp))));
        var client = app.CreateClient();

        await client.PostAsync("/v1/chat/completions", new StringContent("{}", Encoding.UTF8, "application/json"));
        var afterClientApi = authentication.Calls;
        await client.GetAsync("/api/admin/accounts");

        Assert.Equal(0, afterClientApi);
        Assert.True(authentication.Calls > 0);
    }

    private sealed class CountingAuthentication : IAuthenticationService
    {
        private IAuthenticationService? _inner;
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        private IAuthenticationService Inner => _inner ?? throw new InvalidOperationException("Not wrapped yet.");

        public IAuthenticationService Around(IAuthenticationService inner)
        {
            _inner = inner;
            return this;
        }

        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            Interlocked.Increment(ref _calls);
            return Inner.AuthenticateAsync(context, scheme);
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => Inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Inner.SignOutAsync(context, scheme, properties);
    }
}
