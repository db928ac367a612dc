namespace Gateway.Tests.Web.Console;

/// <summary>The console's services over the real host and SQLite.</summary>
public sealed class ConsoleServicesTests : IDisposable
{
    private const string AdminEmail = "admin@example.test";
    private readonly GatewayAppFactory _app = new GatewayAppFactory().WithSetting("Admin:Email", AdminEmail).WithSetting("Admin:Password", "Correct-Horse-9");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ConsoleUsers_CreateListAndDelete_ButNeverTheLastAdmin()
    {
        var users = _app.Services.GetRequiredService<ConsoleUsers>();

        Assert.Empty(await users.CreateAsync("viewer@example.test", "Viewer-Horse-9", AdminRoles.Viewer, "ops", CancellationToken.None));
        Assert.NotEmpty(await users.CreateAsync("short@example.test", "short", AdminRoles.Admin, "ops", CancellationToken.None));
        var listed = await users.ListAsync(CancellationToken.None);

        Assert.Equal([(AdminEmail, AdminRoles.Admin), ("viewer@example.test", AdminRoles.Viewer)], listed.Select(u => (u.Email, u.Role)));
        Assert.Equal(UserDeletion.LastAdmin, await users.DeleteAsync(listed[0].Id, "ops", CancellationToken.None));
        Assert.Equal(UserDeletion.Deleted, await users.DeleteAsync(listed[1].Id, "ops", CancellationToken.None));
        Assert.Equal(UserDeletion.NotFound, await users.DeleteAsync(listed[1].Id, "ops", CancellationToken.None));
        Assert.Single(await users.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConsoleUsers_ReportIdentityRulesInTheConsolesLanguage()
    {
        var users = _app.Services.GetRequiredService<ConsoleUsers>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            Assert.Contains("密码必须至少包含一个数字（'0'-'9'）。", (await users.CreateAsync("new@example.test", "abcdefgh", AdminRoles.Viewer, "ops", CancellationToken.None)).Select(e => e.Description));
            Assert.Contains($"邮箱“{AdminEmail}”已被使用。", (await users.CreateAsync(AdminEmail, "Abcdefg-1", AdminRoles.Viewer, "ops", CancellationToken.None)).Select(e => e.Description));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }

        Assert.Contains("Passwords must have at least one digit ('0'-'9').", (await users.CreateAsync("new@example.test", "abcdefgh", AdminRoles.Viewer, "ops", CancellationToken.None)).Select(e => e.Description));
    }

    [Fact]
    public async Task EveryChangeToConsoleUsersAndAdminTokens_IsAuditedWithWhoMadeIt_RefusedOnesAreNot_AndNoSecretIsWritten()
    {
        var users = _app.Services.GetRequiredService<ConsoleUsers>();
        var tokens = _app.Services.GetRequiredService<AdminTokenService>();
        const string Reader = "reader@example.test";

        Assert.Empty(await users.CreateAsync(Reader, "Reader-Horse-9", AdminRoles.Viewer, AdminEmail, CancellationToken.None));
        Assert.NotEmpty(await users.CreateAsync("short@example.test", "short", AdminRoles.Viewer, AdminEmail, CancellationToken.None));
        var reader = (await users.ListAsync(CancellationToken.None)).Single(u => u.Email == Reader);
        Assert.Equal(RoleChange.Changed, await users.SetRoleAsync(reader.Id, AdminRoles.Admin, AdminEmail, CancellationToken.None));
        var created = await tokens.CreateAsync("ci", Reader, null, CancellationToken.None);
        var other = await tokens.CreateAsync("deploy", AdminEmail, null, CancellationToken.None);
        Assert.True(await tokens.DeleteAsync(other.Token.Id, AdminEmail, CancellationToken.None));
        Assert.NotEmpty(await users.SetPasswordAsync(reader.Id, "short", AdminEmail, CancellationToken.None));
        Assert.Empty(await users.SetPasswordAsync(reader.Id, "Another-Horse-9", AdminEmail, CancellationToken.None));
        Assert.Equal(RoleChange.Changed, await users.SetRoleAsync(reader.Id, AdminRoles.Viewer, AdminEmail, CancellationToken.None));
        Assert.Equal(UserDeletion.Deleted, await users.DeleteAsync(reader.Id, AdminEmail, CancellationToken.None));

        await using var db = _app.CreateDbContext();
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor, a.Detail }).ToListAsync();
        Assert.Equal(
        [
            (AuditActions.UserCreated, "configuration", $"{AdminEmail} ({AdminRoles.Admin})"),
            (AuditActions.UserCreated, AdminEmail, $"{Reader} ({AdminRoles.Viewer})"),
            (AuditActions.UserRoleChanged, AdminEmail, $"{Reader} ({AdminRoles.Admin})"),
            (AuditActions.AdminTokenCreated, Reader, $"ci ({created.Token.Prefix}…)"),
            (AuditActions.AdminTokenCreated, AdminEmail, $"deploy ({other.Token.Prefix}…)"),
            (AuditActions.AdminTokenDeleted, AdminEmail, $"deploy ({other.Token.Prefix}…)"),
            (AuditActions.UserPasswordSet, AdminEmail, Reader),

            // Made a viewer: the tokens it created go with its rights, by the hand of the admin who took them.
            (AuditActions.UserRoleChanged, AdminEmail, $"{Reader} ({AdminRoles.Viewer})"),
            (AuditActions.AdminTokenDeleted, AdminEmail, $"ci ({created.Token.Prefix}…)"),
            (AuditActions.UserDeleted, AdminEmail, Reader),
        ],
            audit.Select(a => (a.Action, a.Actor, a.Detail)));
        Assert.DoesNotContain(audit, a => a.Detail!.Contains(created.Secret, StringComparison.Ordinal) || a.Detail.Contains("Horse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_SumsTheLastDayInTheDatabase_WithExactPercentiles_FailoversFromTheTrace_AndAccountHealth_CountingTheAttemptsARequestMovedOnFrom()
    {
        var now = DateTime.UtcNow;
        await using (var db = _app.CreateDbContext())
        {
            var ok = new Account { Name = "ok", BaseUrl = "https://a.example" };
            var cool = new Account { Name = "cool", BaseUrl = "https://b.example", CooldownUntil = now.AddMinutes(5), CooldownReason = "429 rate limited" };
            db.Accounts.AddRange(ok, cool, new Account { Name = "off", BaseUrl = "https://c.example", Status = AccountStatus.Disabled });
            await db.SaveChangesAsync();
            db.UsageLogs.AddRange(
                Usage(now.AddMinutes(-1), 200, 120, ok.Id, firstTokenMs: 40),
                Usage(now.AddMinutes(-2), 502, 400, ok.Id, "account_switch", "stop"),
                Usage(now.AddMinutes(-3), 200, 90, ok.Id, "same_account_retry", "deliver"),
                Usage(now.AddMinutes(-4), 200, 300, null, firstTokenMs: 60),
                Usage(now.AddDays(-2), 500, 900, ok.Id, "account_switch", "stop"));

            // "cool" answered 429 and the request moved on to "ok", which answered: both accounts show the attempt they made.
            var failedOver = Usage(now.AddMinutes(-5), 200, 150, ok.Id, "account_switch", "deliver");
            failedOver.Trace[0] = failedOver.Trace[0] with { AccountId = cool.Id };
            db.UsageLogs.Add(failedOver);
            db.AuditEntries.AddRange(
                new AuditEntry { CreatedAt = now.AddMinutes(-3), Action = "cooldown_expired", Actor = "system" },
                new AuditEntry { CreatedAt = now.AddMinutes(-3), Action = "account_updated", Actor = "admin" });
            await db.SaveChangesAsync();
        }

        var snapshot = await _app.Services.GetRequiredService<DashboardService>().LoadAsync(CancellationToken.None);

        Assert.Equal((5, 1, 2), (snapshot.Requests, snapshot.Errors, snapshot.Failovers));
        Assert.Equal(new LatencySummary(150, 400, 400, 40), snapshot.Latency);
        Assert.Equal([new LabelCount("cooldown_expired", 1)], snapshot.CooldownEvents);
        Assert.Equal(
            [(AccountState.Active, 1), (AccountState.CoolingDown, 1), (AccountState.Disabled, 1), (AccountState.Error, 0)],
            snapshot.AccountsByState.Select(s => (s.State, s.Count)));
        Assert.Equal(("cool", "429 rate limited", 1, 1), (snapshot.Accounts[0].Name, snapshot.Accounts[0].Reason, snapshot.Accounts[0].Requests, snapshot.Accounts[0].Errors));

        // Its answers, and the attempts its own requests moved on from (the 429 retried on it, the one that switched away).
        Assert.Equal(("ok", 6, 3), (snapshot.Accounts[1].Name, snapshot.Accounts[1].Requests, snapshot.Accounts[1].Errors));
        Assert.Equal(400, snapshot.Traffic.Max(t => t.MaxMs));
    }

    [Fact]
    public async Task Dashboard_ReadsARowThatCountsSeveralAttemptsButHasNoTrace_AsTheRequestAlone()
    {
        await using (var db = _app.CreateDbContext())
        {
            var account = new Account { Name = "ok", BaseUrl = "https://a.example" };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            var untraced = Usage(DateTime.UtcNow.AddMinutes(-1), 200, 100, account.Id);
            untraced.Attempts = 2;
            db.UsageLogs.Add(untraced);
            await db.SaveChangesAsync();
        }

        var snapshot = await _app.Services.GetRequiredService<DashboardService>().LoadAsync(CancellationToken.None);

        Assert.Equal(("ok", 1, 0), (snapshot.Accounts[0].Name, snapshot.Accounts[0].Requests, snapshot.Accounts[0].Errors));
    }

    private static UsageLog Usage(DateTime at, int status, int durationMs, long? accountId, params string[] decisions) =>
        Usage(at, status, durationMs, accountId, null, decisions);

    private static UsageLog Usage(DateTime at, int status, int durationMs, long? accountId, int? firstTokenMs, params string[] decisions) => new()
    {
        CreatedAt = at,
        RequestId = Guid.NewGuid().ToString("N"),
        Model = "gpt-4o",
        AccountId = accountId,
        Status = status,
        DurationMs = durationMs,
        FirstTokenMs = firstTokenMs,
        Attempts = Math.Max(1, decisions.Length),
        Trace = [.. decisions.Select(d => d == "deliver"
            ? new AttemptTrace { AccountId = accountId ?? 0, Status = 200, Decision = d }
            : new AttemptTrace { AccountId = accountId ?? 0, Status = 429, FailureClass = "rate_limited", Decision = d })],
    };
}
