using System.Net;

namespace Gateway.Tests.Web.Admin;

public sealed class AdminUsageApiTests() : AdminListingApiTest(new GatewayAppFactory())
{
    protected override void Seed(GatewayDbContext db)
    {
        for (var i = 0; i < 30; i++)
        {
            db.UsageLogs.Add(new UsageLog
            {
                CreatedAt = Start.AddMinutes(i),
                RequestId = $"req-{i:00}",
                ClientRequestId = i is 3 or 4 ? "client-run-1" : null,
                KeyId = i % 2 == 0 ? 1 : 2,
                GroupId = 1,
                AccountId = i % 3 == 0 ? 10 : 11,
                Model = i % 5 == 0 ? "gpt-4o" : "gpt-4o-mini",
                UpstreamModel = i % 5 == 0 ? "deepseek-chat" : null,
                InboundProtocol = ApiProtocol.Chat,
                UpstreamProtocol = ApiProtocol.Responses,
                Stream = true,
                Status = i switch { 7 => 502, 8 => 503, _ => 200 },
                InputTokens = 10,
                OutputTokens = 20,
                CachedTokens = 5,
                DurationMs = 100 + i,
                FirstTokenMs = 30,
                Attempts = i == 7 ? 2 : 1,
                Error = i == 7 ? "upstream, \"bad\" gateway" : null,
                Trace = i switch
                {
                    7 =>
                    [
                        new AttemptTrace { AccountId = 10, UpstreamProtocol = ApiProtocol.Chat, Status = 429, FailureClass = "rate_limited", Decision = "account_switch", DurationMs = 30 },
                        new AttemptTrace { AccountId = 11, UpstreamProtocol = ApiProtocol.Responses, Status = 502, FailureClass = "transient", Decision = "stop", DurationMs = 40 },
                    ],

                    // Given up with no other account to switch to: no failover.
                    8 => [new AttemptTrace { AccountId = 11, UpstreamProtocol = ApiProtocol.Responses, Status = 500, FailureClass = "transient", Decision = "account_switch", DurationMs = 40 }],
                    _ => [new AttemptTrace { AccountId = 11, UpstreamProtocol = ApiProtocol.Responses, Status = 200, Decision = "deliver", DurationMs = 40 }],
                },
            });
        }
    }

    [Fact]
    public async Task Usage_ReturnsNewestFirstWithEverySpecFieldAndPaging()
    {
        var page = await GetAsync("/api/admin/usage?limit=5&offset=5");

        Assert.Equal(30, page.GetProperty("total").GetInt32());
        Assert.Equal(5, page.GetProperty("offset").GetInt32());
        Assert.Equal(5, page.GetProperty("limit").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["req-24", "req-23", "req-22", "req-21", "req-20"], items.Select(i => i.GetProperty("request_id").GetString()));
        var row = items.Single(i => i.GetProperty("request_id").GetString() == "req-20");
        string[] fields =
        [
            "id", "created_at", "request_id", "key_id", "group_id", "account_id", "model", "upstream_model", "inbound_protocol", "upstream_protocol",
            "stream", "status", "input_tokens", "output_tokens", "cached_tokens", "duration_ms", "first_token_ms", "attempts", "error", "trace",
        ];
        Assert.All(fields, f => Assert.True(row.TryGetProperty(f, out _), f));
        Assert.Equal("deepseek-chat", row.GetProperty("upstream_model").GetString());
        Assert.Equal("chat", row.GetProperty("inbound_protocol").GetString());
        Assert.Equal("responses", row.GetProperty("upstream_protocol").GetString());
        Assert.Equal("2026-11-20T10:20:00Z", row.GetProperty("created_at").GetString());
        var attempt = row.GetProperty("trace")[0];
        Assert.Equal(["account_id", "upstream_protocol", "status", "failure_class", "decision", "duration_ms"], attempt.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deliver", attempt.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("account_id=10", 10)]
    [InlineData("key_id=2", 15)]
    [InlineData("model=gpt-4o", 6)]
    [InlineData("status=502", 1)]
    [InlineData("from=2026-11-20T10:10:00Z&to=2026-11-20T10:20:00Z", 10)]
    [InlineData("account_id=10&key_id=1&model=gpt-4o", 1)]
    [InlineData("account_id=10&key_id=1", 5)]
    [InlineData("attempt_status=429", 1)]
    [InlineData("attempt_status=502", 1)]
    [InlineData("attempt_status=42", 0)]
    [InlineData("attempt_status=200", 28)]
    [InlineData("failed_over=true", 1)]
    [InlineData("failed_over=false", 29)]
    [InlineData("failed_over=true&status=200", 0)]
    [InlineData("request_id=req-07", 1)]
    [InlineData("request_id=%20req-07%20", 1)]
    [InlineData("request_id=client-run-1", 2)]
    [InlineData("request_id=client-run-1&key_id=1", 1)]
    [InlineData("request_id=req-7", 0)]
    public async Task Usage_Filters(string query, int expected)
    {
        Assert.Equal(expected, await TotalAsync("/api/admin/usage?" + query));
    }

    [Fact]
    public async Task BadFilters_Get400NamingEachField()
    {
        var errors = await ErrorsAsync("/api/admin/usage?from=yesterday&status=abc&limit=1000&attempt_status=x&failed_over=maybe");

        Assert.Equal(["attempt_status", "failed_over", "from", "limit", "status"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Export_WritesCsvOfTheFilteredRows_WithNamesInsteadOfIds()
    {
        await using (var db = App.CreateDbContext())
        {
            db.Accounts.Add(new Account { Id = 10, Name = "primary", BaseUrl = "https://primary.example" });
            await db.SaveChangesAsync();
        }

        var response = await App.CreateAdminClient().GetAsync("/api/admin/usage/export?failed_over=true&attempt_status=429");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("created_at,status,model,upstream_model,account,key,group,", lines[0]);
        Assert.StartsWith("2026-11-20T10:07:00.0000000Z,502,gpt-4o-mini,,#11,#2,#1,", lines[1]);
        Assert.Contains("primary: chat 429 rate_limited -> account_switch (30 ms); #11: responses 502 transient -> stop (40 ms)", lines[1]);
        Assert.EndsWith(",req-07,,\"upstream, \"\"bad\"\" gateway\"", lines[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task AnonymousCaller_Gets401()
    {
        var response = await App.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/admin/usage");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
