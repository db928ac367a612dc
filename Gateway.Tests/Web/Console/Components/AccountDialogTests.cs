using Bunit;
using Gateway.Web.Components.Dialogs;
using MudBlazor;

namespace Gateway.Tests.Web.Console.Components;

public sealed class AccountDialogTests : ConsoleComponentTest
{
    public AccountDialogTests() => UseConsoleServices();

    [Fact]
    public async Task RetryStatusCodes_NameTheBadEntryAsTyped_AndFixedCodesSaveNormalised()
    {
        var host = RenderProviders();
        var dialog = await OpenAsync(new AccountEditorModel());
        FillConnection(host, "pool-one");
        host.Find("[data-testid=pool-mode-switch]").Change(true);

        await TypeRetryCodesAsync(host, "429, 503, 429, 99", () => Assert.Single(host.FindAll("[data-testid=retry-status-codes-error]")));

        var error = host.Find("[data-testid=retry-status-codes-error]");
        Assert.Equal("99 is outside 100–599.", error.TextContent);
        Assert.Equal("true", host.Find("[data-testid=retry-status-codes]").GetAttribute("aria-invalid"));
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        Assert.Contains("Fix the fields marked in red", host.Find("[data-testid=account-errors]").TextContent);
        Assert.False(dialog.Result.IsCompleted);

        await TypeRetryCodesAsync(host, "429, 503, 429", () => Assert.Empty(host.FindAll("[data-testid=retry-status-codes-error]")));

        Assert.Contains("Saved as: 429, 503", host.Markup);
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        Assert.False((await dialog.Result)!.Canceled);
        await using var db = Database!.CreateDbContext();
        var stored = await db.Accounts.SingleAsync();
        Assert.Equal([429, 503], stored.PoolModeRetryStatusCodes);
        Assert.True(stored.PoolMode);
    }

    [Fact]
    public async Task RetryStatusCodes_SayWhyInChinese()
    {
        UseCulture("zh-CN");
        var host = RenderProviders();
        await OpenAsync(new AccountEditorModel { PoolMode = true });

        await TypeRetryCodesAsync(host, "abc, 700", () =>
            Assert.Equal(["“abc” 不是数字。", "700 不在 100–599 之间。"], host.FindAll("[data-testid=retry-status-codes-error]").Select(e => e.TextContent)));
        Assert.Contains("重试状态码", host.Markup);
    }

    [Fact]
    public async Task RequiredFields_AreMarked_AnEmptyNameSaysRequiredNotTooLong_AndOverLongFieldsSaySo()
    {
        var host = RenderProviders();
        await OpenAsync(new AccountEditorModel());
        var name = host.Find("[data-testid=account-name-input]");
        Assert.Equal("true", name.GetAttribute("aria-required"));
        Assert.Equal("true", host.Find("[data-testid=account-base-url-input]").GetAttribute("aria-required"));
        Assert.Equal("true", host.Find("[data-testid=account-secret-input]").GetAttribute("aria-required"));
        Assert.DoesNotContain("A name is required.", host.Markup);

        name.Input("   ");
        host.Find("[data-testid=account-name-input]").Blur();

        Assert.Contains("A name is required.", host.Markup);
        Assert.DoesNotContain("characters", host.Markup);
        Assert.DoesNotContain("A base URL is required.", host.Markup);

        host.Find("[data-testid=account-name-input]").Input(new string('n', 201));
        Assert.Contains("At most 200 characters.", host.Markup);

        await host.Find("[data-testid=save-account]").ClickAsync(new());
        Assert.Contains("A base URL is required.", host.Markup);
        Assert.Contains("A new account needs its API key.", host.Markup);

        host.Find("[data-testid=account-base-url-input]").Input("https://api.deepseek.com/" + new string('v', AccountInputValidator.MaxUrlLength));
        Assert.Contains($"At most {AccountInputValidator.MaxUrlLength} characters.", host.Markup);
    }

    [Fact]
    public async Task EndpointModeSelector_ExplainsEachMode_ShowsTheProbeVerdict_AndSavesTheChoice()
    {
        var account = await SeedAccountAsync("stored", a =>
        {
            a.ResponsesSupported = false;
            a.ProbedAt = Start.UtcDateTime.AddMinutes(-5);
        });
        var host = RenderProviders();
        var dialog = await OpenAsync(AccountEditorModel.ForAccount(account));

        var section = host.Find("[data-testid=endpoint-mode]");
        Assert.Contains("Always send Chat Completions upstream.", section.TextContent);
        Assert.Contains("Always send the Responses API upstream.", section.TextContent);
        Assert.Contains("The upstream serves both", section.TextContent);
        Assert.Contains("Use the probe's verdict", section.TextContent);
        Assert.Contains("Probe: Chat only · probed 2026-12-01 11:55:00 UTC", host.Find("[data-testid=probe-verdict]").TextContent);
        Assert.True(host.Find("[data-testid=endpoint-mode-auto]").HasAttribute("checked"));

        host.Find("[data-testid=endpoint-mode-chat]").Click();

        Assert.True(host.Find("[data-testid=endpoint-mode-chat]").HasAttribute("checked"));
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        await dialog.Result;
        await using var db = Database!.CreateDbContext();
        Assert.Equal(EndpointMode.Chat, (await db.Accounts.SingleAsync()).EndpointMode);
    }

    [Fact]
    public async Task ANewAccount_SaysItIsProbedAfterSaving()
    {
        var host = RenderProviders();
        await OpenAsync(new AccountEditorModel());

        Assert.Contains("Probed after saving", host.Find("[data-testid=probe-verdict]").TextContent);
    }

    [Fact]
    public async Task ModelMappingEditor_AddsEditsAndRemovesLines_EachWithItsOwnProblem_AndSavesTheMap()
    {
        var host = RenderProviders();
        var dialog = await OpenAsync(new AccountEditorModel());
        FillConnection(host, "mapped");

        host.Find("[data-testid=mapping-add]").Click();
        host.Find("[data-testid=mapping-add]").Click();
        host.Find("[data-testid=mapping-add]").Click();
        var rows = host.FindAll("[data-testid=mapping-row]");
        Assert.Equal(3, rows.Count);
        SetMapping(host, 0, "gpt-*-mini", "deepseek-chat");
        SetMapping(host, 1, "gpt-4o", "deepseek-chat");
        SetMapping(host, 2, "gpt-4o", "qwen-max");

        Assert.Equal(["“*” may only end the requested model.", "This requested model is already mapped above."],
            host.FindAll("[data-testid=mapping-error]").Select(e => e.TextContent));

        host.FindAll("[data-testid=mapping-remove]")[2].Click();
        SetMapping(host, 0, "gpt-4o-*", "deepseek-chat");

        Assert.Empty(host.FindAll("[data-testid=mapping-error]"));
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        await dialog.Result;
        await using var db = Database!.CreateDbContext();
        Assert.Equal(new Dictionary<string, string> { ["gpt-4o-*"] = "deepseek-chat", ["gpt-4o"] = "deepseek-chat" }, (await db.Accounts.SingleAsync()).ModelMapping);
    }

    [Fact]
    public async Task AHalfFilledMappingLine_BlocksTheSave_WithItsReason()
    {
        var host = await NewAccountWithOneMappingLineAsync("half");
        host.Find("[data-testid=mapping-from]").Input("o3");
        Assert.Empty(host.FindAll("[data-testid=mapping-error]"));

        await host.Find("[data-testid=save-account]").ClickAsync(new());

        Assert.Equal("Both the requested and the upstream model are needed.", host.Find("[data-testid=mapping-error]").TextContent);
        await using var db = Database!.CreateDbContext();
        Assert.Empty(await db.Accounts.ToListAsync());
    }

    [Fact]
    public async Task TestConnection_BeforeSaving_SendsTheTypedSettingsAndTheChosenModel_AndShowsTheReply()
    {
        var host = await NewAccountWithOneMappingLineAsync("draft");
        SetMapping(host, 0, "gpt-4o", "deepseek-chat");

        host.Find("[data-testid=test-protocol-responses]").Click();
        host.Find("[data-testid=test-model-suggestion]").Click();
        await host.Find("[data-testid=test-run]").ClickAsync(new());

        var (accountId, draft, protocol, model) = Assert.Single(AccountActions.Tests);
        Assert.Null(accountId);
        Assert.Equal(("https://up.example.test", "sk-secret", ApiProtocol.Responses, "deepseek-chat"), (draft!.BaseUrl, draft.Secret, protocol, model));
        Assert.Contains("HTTP 200 in 42 ms", host.Find("[data-testid=test-outcome]").TextContent);
        Assert.Contains("Model sent: gpt-4o-mini", host.Find("[data-testid=test-outcome]").TextContent);
        Assert.Equal("Protocol: Chat Completions", host.Find("[data-testid=test-protocol-spoken]").TextContent);
        Assert.Equal("pong", host.Find("[data-testid=test-reply]").TextContent);
        await using var db = Database!.CreateDbContext();
        Assert.Empty(await db.Accounts.ToListAsync());
    }

    [Fact]
    public async Task AnAnthropicAccount_TakesAnApiKeyOnly_HasNoEndpointModeToChoose_AndIsTestedOverMessages()
    {
        AccountActions.Result = new(true, 200, 311, "HTTP 200 OK", "claude-haiku-4-5", "pong", ApiProtocol.Messages);
        var host = RenderProviders();
        var dialog = await OpenAsync(new AccountEditorModel { Type = AccountType.OAuth });
        FillConnection(host, "claude");
        Assert.NotEmpty(host.FindAll("[data-testid=endpoint-mode-chat]"));
        Assert.NotEmpty(host.FindAll("[data-testid=test-protocol-chat]"));

        var platform = host.FindComponent<MudSelect<AccountPlatform>>();
        await platform.InvokeAsync(platform.Instance.OpenMenu);
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Anthropic").Click());

        host.WaitForAssertion(() => Assert.Equal("true", host.Find("[data-testid=account-type]").GetAttribute("aria-disabled")));
        Assert.Equal("API key", host.Find("[data-testid=account-type]").TextContent);
        Assert.Contains("Anthropic accounts authenticate with an API key.", host.Markup);
        Assert.Contains("https://api.anthropic.com", host.Find("[data-testid=account-base-url-input]").GetAttribute("placeholder"));
        Assert.Contains("Not applicable", host.Find("[data-testid=endpoint-mode-not-applicable]").TextContent);
        Assert.Empty(host.FindAll("[data-testid=endpoint-mode-chat], [data-testid=probe-verdict]"));
        Assert.Empty(host.FindAll("[data-testid=test-protocol-chat], [data-testid=test-protocol-responses]"));
        Assert.Equal("Protocol: Anthropic Messages", host.Find("[data-testid=test-protocol-messages]").TextContent);

        await host.Find("[data-testid=test-run]").ClickAsync(new());

        var (_, draft, protocol, _) = Assert.Single(AccountActions.Tests);
        Assert.Equal((AccountPlatform.Anthropic, AccountType.ApiKey, ApiProtocol.Messages), (draft!.Platform, draft.Type, protocol));
        Assert.Equal("Protocol: Anthropic Messages", host.Find("[data-testid=test-protocol-spoken]").TextContent);
        Assert.Contains("Model sent: claude-haiku-4-5", host.Find("[data-testid=test-outcome]").TextContent);
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        Assert.False((await dialog.Result)!.Canceled);
        await using var db = Database!.CreateDbContext();
        var stored = await db.Accounts.SingleAsync();
        Assert.Equal((AccountPlatform.Anthropic, AccountType.ApiKey), (stored.Platform, stored.Type));
    }

    [Fact]
    public async Task GroupsPicker_SearchesALongList_AndSavesTheChosenGroups()
    {
        var groups = Services.GetRequiredService<GroupAdminService>();
        foreach (var name in Enumerable.Range(1, 30).Select(i => $"team-{i:00}"))
        {
            await groups.CreateAsync(name, null, "test", CancellationToken.None);
        }

        var host = RenderProviders();
        var dialog = await OpenAsync(new AccountEditorModel());
        FillConnection(host, "grouped");
        Assert.Equal(30, host.FindAll("[data-testid=account-groups] [data-testid=picker-item]").Count);

        host.Find("[data-testid=account-groups] [data-testid=picker-search]").Input("team-2");

        var items = host.FindAll("[data-testid=account-groups] [data-testid=picker-item]");
        Assert.Equal(10, items.Count);
        items[3].Change(true);
        Assert.Equal(["team-23"], host.FindAll("[data-testid=account-groups] [data-testid=picker-chosen]").Select(c => c.TextContent.Trim()));
        await host.Find("[data-testid=save-account]").ClickAsync(new());
        await dialog.Result;
        await using var db = Database!.CreateDbContext();
        Assert.Equal(["team-23"], (await db.Accounts.Include(a => a.Groups).SingleAsync()).Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task OAuthAccounts_CannotUsePoolMode()
    {
        var host = RenderProviders();
        await OpenAsync(new AccountEditorModel { Type = AccountType.OAuth });
        Assert.True(host.Find("[data-testid=pool-mode-switch]").HasAttribute("disabled"));
        Assert.Contains("Only API-key accounts can use pool mode.", host.Find("[data-testid=pool-mode-apikey-only]").TextContent);

    }

    [Fact]
    public async Task Viewers_GetTheDialogReadOnly()
    {
        var account = await SeedAccountAsync("stored", _ => { });
        var host = RenderProviders();
        await OpenAsync(AccountEditorModel.ForAccount(account), readOnly: true);

        var inputs = host.FindAll(".mud-dialog input:not([type=hidden])");
        Assert.NotEmpty(inputs);
        Assert.All(inputs, i => Assert.True(i.HasAttribute("disabled") || i.HasAttribute("readonly"), i.OuterHtml));
        Assert.Empty(host.FindAll("[data-testid=save-account]"));
        Assert.Empty(host.FindAll("[data-testid=connection-test]"));
    }

    // The field waits for a pause in typing before it checks: pause, then wait for the check.
    private async Task TypeRetryCodesAsync(IRenderedComponent<IComponent> host, string text, Action checkedAs)
    {
        await TypeThenPauseAsync(host.Find("[data-testid=retry-status-codes]"), text, TimeSpan.FromMilliseconds(PoolModeSection.RetryCodesCheckAfterMs));
        host.WaitForAssertion(checkedAs);
    }

    /// <summary>The dialog for a new account, its connection filled in as <paramref name="name"/>, with one empty mapping line added.</summary>
    private async Task<IRenderedComponent<IComponent>> NewAccountWithOneMappingLineAsync(string name)
    {
        var host = RenderProviders();
        await OpenAsync(new AccountEditorModel());
        FillConnection(host, name);
        host.Find("[data-testid=mapping-add]").Click();
        return host;
    }

    private static void FillConnection(IRenderedComponent<IComponent> host, string name)
    {
        host.Find("[data-testid=account-name-input]").Input(name);
        host.Find("[data-testid=account-base-url-input]").Input("https://up.example.test");
        host.Find("[data-testid=account-secret-input]").Input("sk-secret");
    }

    private static void SetMapping(IRenderedComponent<IComponent> host, int row, string from, string to)
    {
        host.FindAll("[data-testid=mapping-from]")[row].Input(from);
        host.FindAll("[data-testid=mapping-to]")[row].Input(to);
    }

    private async Task<IDialogReference> OpenAsync(AccountEditorModel model, bool readOnly = false)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<AccountDialog> { { d => d.Model, model }, { d => d.Actor, "tester" }, { d => d.ReadOnly, readOnly } };
        IDialogReference? reference = null;
        await Renderer.Dispatcher.InvokeAsync(async () => reference = await dialogs.ShowAsync<AccountDialog>("title", parameters));
        return reference!;
    }
}
