using Gateway.Core.Accounts;
using Gateway.Core.Usage;
using Gateway.Web.Console.Usage;

namespace Gateway.Tests.Web.Console;

public sealed class UsageCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    public void ErrorField_IsQuotedWhenNeeded_AndFormulasAreNeutralised(string? error, string expected)
    {
        var line = UsageCsv.Line(Row(error));

        Assert.EndsWith("," + expected, line);
    }

    [Fact]
    public void Line_FollowsTheHeaderOrder()
    {
        var line = UsageCsv.Line(Row(null));

        Assert.Equal(UsageCsv.Header.Split(',').Length, line.Split(',').Length);
        Assert.Equal("9,2026-11-20T10:00:00.0000000Z,req-1,'=client,3,4,5,gpt-4o,deepseek-chat,chat,responses,true,200,10,20,5,100,,1,", line);
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
        Attempts = 1,
        Error = error,
    };
}
