namespace Gateway.Tests.Protocols;

/// <summary>SPEC 10: the protocol-conversion page documents every row of both parameter tables, with the fate the code gives it.</summary>
public sealed class ProtocolConversionDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "protocol-conversion.md"));

    [Fact]
    public void ResponsesToChatTable_IsDocumented() =>
        AssertDocumented(ResponsesToChatParameters.Table, Section("### Responses request → Chat Completions upstream"));

    [Fact]
    public void ChatToResponsesTable_IsDocumented() =>
        AssertDocumented(ChatToResponsesParameters.Table, Section("### Chat Completions request → Responses upstream"));

    [Fact]
    public void MessagesToChatTable_IsDocumented() =>
        AssertDocumented(MessagesToChatParameters.Table, Section("### Messages request → Chat Completions upstream"));

    [Fact]
    public void ChatToMessagesTable_IsDocumented() =>
        AssertDocumented(ChatToMessagesParameters.Table, Section("### Chat Completions request → Messages upstream"));

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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test binaries.");
    }
}
