namespace Gateway.Tests.Web.Console;

public sealed class UsageCsvTests
{
    private static readonly ListingNames Names = new(
        new Dictionary<long, string> { [5] = "primary", [6] = "=backup" },
        new Dictionary<long, string> { [3] = "team-key" },
        new Dictionary<long, string> { [4] = "default" });

    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    public void ErrorField_IsQuotedWhenNeeded_AndFormulasAreNeutralised(string? error, string expected)
    {
        var line = UsageCsv.Line(Row(error), Names);

        Assert.EndsWith("," + expected, line);
    }

    [Fact]
    public void Line_FollowsTheHeaderOrder_WithNamesInsteadOfIds_AndTheTraceInOneCell()
    {
        var line = UsageCsv.Line(Row(null), Names);

        Assert.Equal(
            "2026-11-20T10:00:00.0000000Z,200,gpt-4o,deepseek-chat,primary,team-key,default,10,20,5,100,,2,"
            + "'=backup: chat 429 rate_limited -> account_switch (40 ms); primary: responses 200 -> deliver (60 ms),chat,responses,true,req-1,'=client,",
            line);
        Assert.Equal(UsageCsv.Header.Split(',').Length, line.Split(',').Length);
    }

    [Fact]
    public void UnknownIds_ShowAsNumbers_AndMissingOnesStayEmpty()
    {
        var row = Row(null);
        row.AccountId = 99;
        row.KeyId = null;

        var cells = UsageCsv.Line(row, ListingNames.Empty).Split(',');

        Assert.Equal(("#99", "", "#4"), (cells[4], cells[5], cells[6]));
    }

    private static UsageLog Row(string? error) => new()
    {
        Id = 9,
        CreatedAt = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc),
        RequestId = "req-1",
        ClientRequestId = "=client",
        KeyId = 3,
        GroupId = 4,
        AccountId = 5,
        Model = "gpt-4o",
        UpstreamModel = "deepseek-chat",
        InboundProtocol = ApiProtocol.Chat,
        UpstreamProtocol = ApiProtocol.Responses,
        Stream = true,
        Status = 200,
        InputTokens = 10,
        OutputTokens = 20,
        CachedTokens = 5,
        DurationMs = 100,
        Attempts = 2,
        Error = error,
        Trace =
        [
            new AttemptTrace { AccountId = 6, UpstreamProtocol = ApiProtocol.Chat, Status = 429, FailureClass = "rate_limited", Decision = "account_switch", DurationMs = 40 },
            new AttemptTrace { AccountId = 5, UpstreamProtocol = ApiProtocol.Responses, Status = 200, Decision = "deliver", DurationMs = 60 },
        ],
    };
}
