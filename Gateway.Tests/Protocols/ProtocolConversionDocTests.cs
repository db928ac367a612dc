namespace Gateway.Tests.Protocols;

/// <summary>SPEC 10: the protocol-conversion page documents every row of every parameter table, with the fate the code gives it.</summary>
public sealed class ProtocolConversionDocTests
{
    private static readonly string Page = RepositoryFiles.Read("docs", "protocol-conversion.md");

    /// <summary>Each parameter table of the code, by the heading of its section on the page.</summary>
    private static readonly Dictionary<string, ParameterTable> Tables = new()
    {
        ["### Responses request → Chat Completions upstream"] = ResponsesToChatParameters.Table,
        ["### Chat Completions request → Responses upstream"] = ChatToResponsesParameters.Table,
        ["### Messages request → Chat Completions upstream"] = MessagesToChatParameters.Table,
        ["### Chat Completions request → Messages upstream"] = ChatToMessagesParameters.Table,
    };

    public static TheoryData<string> Headings => [.. Tables.Keys];

    [Theory]
    [MemberData(nameof(Headings))]
    public void EveryParameterTable_IsDocumentedRowByRowUnderItsHeading(string heading) =>
        AssertDocumented(Tables[heading], Section(heading));

    private static void AssertDocumented(ParameterTable table, string section)
    {
        Assert.All(table.Rules, rule => Assert.Contains($"| `{rule.Name}` | {Fate(rule)} |", section, StringComparison.Ordinal));
        Assert.Equal(table.Rules.Count, section.Split('\n').Count(line => line.StartsWith("| `", StringComparison.Ordinal)));
    }

    private static string Fate(ParameterRule rule) => rule.Fate switch
    {
        ParameterFate.Copy => rule.OpenAiOnly ? "copy, OpenAI only" : "copy",
        ParameterFate.Convert => "convert",
        ParameterFate.Drop => "drop",
        _ => "refuse",
    };

    private static string Section(string heading)
    {
        var start = Page.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no '{heading}'");
        var end = Page.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return Page[start..(end < 0 ? Page.Length : end)];
    }
}
