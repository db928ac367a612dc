using System.Globalization;
using System.Net;
using Gateway.Core.Accounts;
using Gateway.Tests.Infrastructure;
using Gateway.Web.Components.Dialogs;
using Gateway.Web.Console.Accounts;

namespace Gateway.Tests.Web.Console.Components;

public sealed class PoolModeSectionRenderingTests : IAsyncDisposable
{
    private readonly ComponentRenderer _renderer = new();

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    [Fact]
    public async Task RetryStatusCodes_NamesEachBadEntry_AndShowsTheDefaultAsPlaceholder()
    {
        var model = new AccountEditorModel { PoolMode = true, RetryStatusCodes = "429, 503, 429, 99, abc" };

        var html = WebUtility.HtmlDecode(await _renderer.RenderAsync<PoolModeSection>(new Dictionary<string, object?> { ["Model"] = model }));

        Assert.Contains("placeholder=\"401, 403, 429\"", html);
        Assert.Contains("value=\"429, 503, 429, 99, abc\"", html);
        Assert.Contains("“99” is not a status code between 100 and 599.", html);
        Assert.Contains("“abc” is not a status code between 100 and 599.", html);
        Assert.DoesNotContain("“429”", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task ValidRetryStatusCodes_RenderNoMessage()
    {
        var model = new AccountEditorModel { PoolMode = true, RetryStatusCodes = "429, 503" };

        var html = await _renderer.RenderAsync<PoolModeSection>(new Dictionary<string, object?> { ["Model"] = model });

        Assert.DoesNotContain("retry-status-codes-error", html);
        Assert.Contains("aria-invalid=\"false\"", html);
    }

    [Fact]
    public async Task PoolModeSection_RendersInChinese_UnderTheZhCnCulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var html = WebUtility.HtmlDecode(await _renderer.RenderAsync<PoolModeSection>(
                new Dictionary<string, object?> { ["Model"] = new AccountEditorModel { RetryStatusCodes = "700" } }));

            Assert.Contains("池模式", html);
            Assert.Contains("重试状态码", html);
            Assert.Contains("“700” 不是 100 到 599 之间的状态码。", html);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task OAuthAccount_CannotSwitchPoolModeOn()
    {
        var html = await _renderer.RenderAsync<PoolModeSection>(
            new Dictionary<string, object?> { ["Model"] = new AccountEditorModel { Type = AccountType.OAuth } });

        Assert.Contains("Only apikey accounts can use pool mode.", html);
        Assert.Contains("rz-state-disabled", html);
    }

    [Fact]
    public async Task EndpointModeSelector_ExplainsEachModeAndChecksTheCurrentOne()
    {
        var html = await _renderer.RenderAsync<EndpointModeSelector>(new Dictionary<string, object?> { ["Value"] = EndpointMode.Responses });

        foreach (var mode in new[] { "auto", "chat", "responses", "both" })
        {
            Assert.Contains($"id=\"endpoint-mode-{mode}\"", html);
        }

        Assert.Matches("id=\"endpoint-mode-responses\"[^>]*checked", html);
        Assert.DoesNotMatch("id=\"endpoint-mode-auto\"[^>]*checked", html);
        Assert.Contains("always send the Responses API upstream.", html);
    }
}
