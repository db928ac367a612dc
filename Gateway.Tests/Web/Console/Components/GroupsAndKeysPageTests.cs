using Bunit;
using Gateway.Web.Components.Dialogs;
using Gateway.Web.Components.Pages.Groups;
using Gateway.Web.Components.Pages.Keys;

namespace Gateway.Tests.Web.Console.Components;

public sealed class GroupsAndKeysPageTests : ConsoleComponentTest
{
    public GroupsAndKeysPageTests() => UseConsoleServices();

    [Fact]
    public async Task GroupMembership_IsEditedOnTheGroupsPage_ThroughASearchablePicker()
    {
        foreach (var name in new[] { "alpha", "beta", "deepseek-1", "deepseek-2" })
        {
            await Services.GetRequiredService<AccountAdminService>().CreateAsync(new AccountInput { Name = name, BaseUrl = "https://up.example.test", ApiKey = "k" }, "seed", default);
        }

        await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", "the team", "test", default);
        var host = RenderProviders();
        var page = Render<GroupsPage>();
        page.WaitForAssertion(() => Assert.Equal("team", page.Find("[data-testid=group-name]").TextContent));

        page.Find("[data-testid=edit-group]").Click();
        host.WaitForAssertion(() => Assert.Equal(4, host.FindAll("[data-testid=group-members] [data-testid=picker-item]").Count));
        host.Find("[data-testid=group-members] [data-testid=picker-search]").Input("deep");
        Assert.Equal(2, host.FindAll("[data-testid=group-members] [data-testid=picker-item]").Count);
        for (var i = 0; i < 2; i++)
        {
            // Chosen items move to the top of the list: pick the next unchosen one each time.
            host.FindAll("[data-testid=group-members] [data-testid=picker-item]").First(item => !item.HasAttribute("checked")).Change(true);
        }

        await host.Find("[data-testid=save-group]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("deepseek-1deepseek-2", page.Find("[data-testid=group-accounts]").TextContent.Replace(" ", "", StringComparison.Ordinal)));
        await using var db = Database!.CreateDbContext();
        var group = await db.Groups.Include(g => g.Accounts).SingleAsync();
        Assert.Equal(["deepseek-1", "deepseek-2"], group.Accounts.Select(a => a.Name).Order());
        Assert.Equal(2, Changes.AccountChanges.Count(c => c.Kind == AccountChangeKind.Updated));
    }

    [Fact]
    public async Task ANewGroupNeedsAName_AndATakenNameIsSaidSo()
    {
        await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", null, "test", default);
        var host = RenderProviders();
        var page = Render<GroupsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=group-name]")));

        page.Find("[data-testid=create-group]").Click();
        await host.WaitForElement("[data-testid=save-group]").ClickAsync(new());
        Assert.Contains("A name is required.", host.Markup);

        host.Find("[data-testid=group-name-input]").Input("team");
        await host.Find("[data-testid=save-group]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.Contains("Another group already has this name.", host.Markup));
    }

    [Fact]
    public async Task AnOverLongGroupDescriptionOrKeyName_IsSaidAtItsField_AndNothingIsSaved()
    {
        await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", null, "test", default);
        var host = RenderProviders();
        var groups = Render<GroupsPage>();
        groups.WaitForElement("[data-testid=create-group]").Click();
        host.WaitForElement("[data-testid=group-name-input]").Input("described");
        host.Find("[data-testid=group-description-input]").Input(new string('d', GroupAdminService.MaxDescriptionLength + 1));
        await host.Find("[data-testid=save-group]").ClickAsync(new());

        host.WaitForAssertion(() => Assert.Contains($"At most {GroupAdminService.MaxDescriptionLength} characters.", host.Markup));
        host.Find("[data-testid=cancel-group]").Click();

        var keys = Render<KeysPage>();
        keys.WaitForElement("[data-testid=create-key]").Click();
        host.WaitForElement("[data-testid=key-name-input]").Input(new string('k', ApiKeyAdminService.MaxNameLength + 1));
        await host.Find("[data-testid=save-key]").ClickAsync(new());

        host.WaitForAssertion(() => Assert.Contains($"At most {ApiKeyAdminService.MaxNameLength} characters.", host.Markup));
        await using var db = Database!.CreateDbContext();
        Assert.Equal(["team"], await db.Groups.Select(g => g.Name).ToListAsync());
        Assert.Empty(await db.ApiKeys.ToListAsync());
    }

    [Fact]
    public async Task ANewKeysSecret_IsShownOnceInACopyableDialog_ThenOnlyItsPrefix()
    {
        var group = (await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", null, "test", default)).Value!;
        var host = RenderProviders();
        var page = Render<KeysPage>();

        page.WaitForElement("[data-testid=create-key]").Click();
        host.WaitForElement("[data-testid=key-name-input]").Input("ci-bot");
        await TypeThenPauseAsync(host.Find("[data-testid=key-group-input]"), "tea", TimeSpan.FromMilliseconds(KeyDialog.GroupSearchAfterMs));
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "team").Click());
        await host.Find("[data-testid=save-key]").ClickAsync(new());

        var secret = host.WaitForElement("[data-testid=secret-value]").TextContent;
        Assert.StartsWith(ApiKeyAdminService.KeyPrefix, secret);
        page.WaitForAssertion(() => Assert.Equal("ci-bot", page.Find("[data-testid=key-name]").TextContent));
        host.Find("[data-testid=copy-secret]").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && Equals(i.Arguments.FirstOrDefault(), secret));

        host.Find("[data-testid=close-secret]").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=secret-value]")));
        var prefix = page.Find("[data-testid=key-prefix]").TextContent.TrimEnd('…');
        Assert.StartsWith(prefix, secret);
        Assert.True(prefix.Length < secret.Length);
        Assert.DoesNotContain(secret, host.Markup + page.Markup);
        await using var db = Database!.CreateDbContext();
        Assert.Equal(group.Id, (await db.ApiKeys.SingleAsync()).GroupId);
    }

    [Fact]
    public async Task DisablingAKey_AsksFirst_EnablingItAgainDoesNot_AndDeletingAsksFirst()
    {
        var group = (await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", null, "test", default)).Value!;
        await Services.GetRequiredService<ApiKeyAdminService>().CreateAsync(new ApiKeyInput("ci", group.Id), "test", default);
        var host = RenderProviders();
        var page = Render<KeysPage>();
        page.WaitForAssertion(() => Assert.Equal("Enabled", page.Find("[data-testid=key-state]").GetAttribute("data-state")));

        page.Find("[data-testid=toggle-key]").Click();
        host.WaitForAssertion(() => Assert.Contains("Clients using ci are refused until it is enabled again.", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Disable")).Click();
        page.WaitForAssertion(() => Assert.Equal("Disabled", page.Find("[data-testid=key-state]").GetAttribute("data-state")));

        page.Find("[data-testid=toggle-key]").Click();
        page.WaitForAssertion(() => Assert.Equal("Enabled", page.Find("[data-testid=key-state]").GetAttribute("data-state")));
        Assert.Empty(host.FindAll(".mud-message-box"));

        page.Find("[data-testid=delete-key]").Click();
        host.WaitForAssertion(() => Assert.Contains("Clients using ci are refused from now on.", host.Find(".mud-message-box").TextContent));
        host.FindAll(".mud-message-box .mud-button-root").Single(b => b.TextContent.Contains("Delete")).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=key-name]")));
        await using var db = Database!.CreateDbContext();
        Assert.False(await db.ApiKeys.AnyAsync());
    }

    [Fact]
    public async Task Viewers_ReadKeysAndGroups_WithoutAnyWayToChangeThem()
    {
        SignInAs(AdminRoles.Viewer);
        var group = (await Services.GetRequiredService<GroupAdminService>().CreateAsync("team", null, "test", default)).Value!;
        await Services.GetRequiredService<ApiKeyAdminService>().CreateAsync(new ApiKeyInput("ci", group.Id), "test", default);
        RenderProviders();

        var keys = Render<KeysPage>();
        keys.WaitForAssertion(() => Assert.Single(keys.FindAll("[data-testid=key-name]")));
        Assert.Empty(keys.FindAll("[data-testid=create-key], [data-testid=toggle-key], [data-testid=delete-key]"));

        var groups = Render<GroupsPage>();
        groups.WaitForAssertion(() => Assert.Single(groups.FindAll("[data-testid=group-name]")));
        Assert.Empty(groups.FindAll("[data-testid=create-group], [data-testid=edit-group], [data-testid=delete-group]"));
        Assert.Single(groups.FindAll("[data-testid=view-group]"));
    }
}
