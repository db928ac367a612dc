using System.Net;

namespace Gateway.Tests.Web.Admin;

/// <summary><c>GET /api/admin/audit</c>: who changed what and when, newest first, filtered and paged like the usage logs.</summary>
public sealed class AdminAuditApiTests : AdminListingApiTest
{
    private readonly FakeTimeProvider _time;

    public AdminAuditApiTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)))
    {
    }

    private AdminAuditApiTests(FakeTimeProvider time)
        : base(new GatewayAppFactory().WithTimeProvider(time)) => _time = time;

    /// <summary>30 entries a minute apart from 10:00, in turn: a cooldown the gateway started on account 10, alice disabling account 11, bob creating a group.</summary>
    protected override void Seed(GatewayDbContext db)
    {
        for (var i = 0; i < 30; i++)
        {
            db.AuditEntries.Add((i % 3) switch
            {
                0 => new AuditEntry { CreatedAt = Start.AddMinutes(i), AccountId = 10, Action = AuditActions.CooldownStarted, Actor = "gateway", Detail = $"cooldown-{i:00}" },
                1 => new AuditEntry { CreatedAt = Start.AddMinutes(i), AccountId = 11, Action = AuditActions.AccountDisabled, Actor = "alice@example.test" },
                _ => new AuditEntry { CreatedAt = Start.AddMinutes(i), Action = AuditActions.GroupCreated, Actor = "bob@example.test", Detail = $"group-{i:00}" },
            });
        }
    }

    [Fact]
    public async Task Audit_ListsEntriesNewestFirst_WithTheirFields_AndPages()
    {
        var page = await GetAsync("/api/admin/audit?limit=4&offset=3");

        Assert.Equal(30, page.GetProperty("total").GetInt32());
        Assert.Equal(3, page.GetProperty("offset").GetInt32());
        Assert.Equal(4, page.GetProperty("limit").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["2026-11-20T10:26:00Z", "2026-11-20T10:25:00Z", "2026-11-20T10:24:00Z", "2026-11-20T10:23:00Z"],
            items.Select(i => i.GetProperty("created_at").GetString()));
        Assert.Equal(["id", "created_at", "action", "actor", "account_id", "detail"], items[0].EnumerateObject().Select(p => p.Name));
        var cooldown = items.Single(i => i.GetProperty("created_at").GetString() == "2026-11-20T10:24:00Z");
        Assert.Equal(("cooldown_started", "gateway", 10, "cooldown-24"), (
            cooldown.GetProperty("action").GetString(), cooldown.GetProperty("actor").GetString(),
            cooldown.GetProperty("account_id").GetInt64(), cooldown.GetProperty("detail").GetString()));
        var group = items.Single(i => i.GetProperty("created_at").GetString() == "2026-11-20T10:26:00Z");
        Assert.Equal(JsonValueKind.Null, group.GetProperty("account_id").ValueKind);
        Assert.Equal("group-26", group.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Audit_WithoutPaging_AnswersTheFirstFiftyNewest()
    {
        var page = await GetAsync("/api/admin/audit");

        Assert.Equal((0, 50, 30), (page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32(), page.GetProperty("items").GetArrayLength()));
        Assert.Equal("2026-11-20T10:29:00Z", page.GetProperty("items")[0].GetProperty("created_at").GetString());
    }

    [Theory]
    [InlineData("action=cooldown_started", 10)]
    [InlineData("actor=alice%40example.test", 10)]
    [InlineData("actor=alice", 0)]
    [InlineData("account_id=11", 10)]
    [InlineData("account_id=12", 0)]
    [InlineData("from=2026-11-20T10:10:00Z&to=2026-11-20T10:20:00Z", 10)]
    [InlineData("from=2026-11-20T10:10:00", 20)]
    [InlineData("from=2026-11-20T11:10:00%2B01:00", 20)]
    [InlineData("to=2026-11-20T10:03:00Z", 3)]
    [InlineData("action=account_disabled&account_id=10", 0)]
    [InlineData("action=group_created&actor=bob%40example.test&from=2026-11-20T10:15:00Z", 5)]
    public async Task Audit_Filters(string query, int expected)
    {
        Assert.Equal(expected, await TotalAsync("/api/admin/audit?" + query));
    }

    [Fact]
    public async Task BadFilters_Get400NamingEachField()
    {
        var errors = await ErrorsAsync("/api/admin/audit?from=yesterday&to=later&action=key_renamed&account_id=ten&offset=-1&limit=501");

        Assert.Equal(["account_id", "action", "from", "limit", "offset", "to"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(AuditActions.KeyDisabled, errors.GetProperty("action")[0].GetString());
    }

    [Fact]
    public async Task AKeyDisabledThroughTheApi_AppearsFirst_WithTheActingAdminsName_AndTheTime()
    {
        var admin = App.CreateAdminClient();
        var group = JsonNode.Parse(await (await admin.PostAsync("/api/admin/groups", Json("""{"name":"audited-group"}"""))).Content.ReadAsStringAsync())!;
        var key = JsonNode.Parse(await (await admin.PostAsync("/api/admin/keys", Json($$"""{"name":"audited-key","group_id":{{group["id"]}}}"""))).Content.ReadAsStringAsync())!;
        var token = await App.Services.GetRequiredService<AdminTokenService>().CreateAsync("ci-bot", "ops@example.test", null, CancellationToken.None);
        var bot = App.CreateClient();
        bot.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync($"/api/admin/keys/{key["id"]}/disable", null)).StatusCode);

        var newest = (await GetAsync("/api/admin/audit?limit=3")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["key_disabled", "admin_token_created", "key_created"], newest.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal(["admin-token:ci-bot", "ops@example.test", "bootstrap-token"], newest.Select(i => i.GetProperty("actor").GetString()));
        Assert.Equal("2026-12-01T12:05:00Z", newest[0].GetProperty("created_at").GetString());
        Assert.StartsWith("audited-key", newest[0].GetProperty("detail").GetString());
        Assert.DoesNotContain(token.Secret, await (await admin.GetAsync("/api/admin/audit?actor=admin-token:ci-bot")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Viewers_Read_AnonymousCallers_Get401()
    {
        var anonymous = await App.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/admin/audit");
        var viewer = await (await SignedInClient.CreateAsync(App, AdminRoles.Viewer)).GetAsync("/api/admin/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
