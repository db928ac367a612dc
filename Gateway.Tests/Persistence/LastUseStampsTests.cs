namespace Gateway.Tests.Persistence;

/// <summary>Last-use stamps of accounts and API keys, written by one query over either entity.</summary>
public sealed class LastUseStampsTests : GatewayPerTest
{
    private static readonly DateTime Earlier = TestClock.Start.UtcDateTime;
    private static readonly DateTime Later = Earlier.AddMinutes(5);

    [Fact]
    public async Task AStamp_IsWritten_ButNeverMovesALaterOneBack()
    {
        long stampedAccount, unstampedAccount, stampedKey, unstampedKey;
        await using (var db = App.CreateDbContext())
        {
            var accounts = new[] { NewAccount("stamped", Later), NewAccount("unstamped", null) };
            var group = new Group { Name = "stamps" };
            db.Accounts.AddRange(accounts);
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            var keys = new[] { NewKey("stamped", group.Id, Later), NewKey("unstamped", group.Id, null) };
            db.ApiKeys.AddRange(keys);
            await db.SaveChangesAsync();
            (stampedAccount, unstampedAccount, stampedKey, unstampedKey) = (accounts[0].Id, accounts[1].Id, keys[0].Id, keys[1].Id);
        }

        await WriteAsync<Account>([(stampedAccount, Earlier), (unstampedAccount, Earlier)]);
        await WriteAsync<ApiKey>([(stampedKey, Earlier), (unstampedKey, Earlier)]);

        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(Later, (await db.Accounts.SingleAsync(a => a.Id == stampedAccount)).LastUsedAt);
            Assert.Equal(Earlier, (await db.Accounts.SingleAsync(a => a.Id == unstampedAccount)).LastUsedAt);
            Assert.Equal(Later, (await db.ApiKeys.SingleAsync(k => k.Id == stampedKey)).LastUsedAt);
            Assert.Equal(Earlier, (await db.ApiKeys.SingleAsync(k => k.Id == unstampedKey)).LastUsedAt);
        }

        await WriteAsync<ApiKey>([(unstampedKey, Later)]);

        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(Later, (await db.ApiKeys.SingleAsync(k => k.Id == unstampedKey)).LastUsedAt);
        }
    }

    private static Account NewAccount(string name, DateTime? lastUsedAt) =>
        new() { Name = name, BaseUrl = "https://api.example.test", LastUsedAt = lastUsedAt };

    private static ApiKey NewKey(string name, long groupId, DateTime? lastUsedAt) =>
        new() { Name = name, GroupId = groupId, KeyHash = name.PadRight(64, 'h'), Prefix = name, LastUsedAt = lastUsedAt };

    private Task WriteAsync<T>(IEnumerable<(long Id, DateTime At)> stamps)
        where T : class, ILastUseStamped =>
        LastUseStamps.WriteAsync<T>(
            App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(),
            App.Services.GetRequiredKeyedService<ResiliencePipeline>(ResiliencePipelineNames.StorageWrite),
            stamps);
}
