namespace Gateway.Core.TokenCounting;

/// <summary>What a model reads of one request, independent of the API it came through.</summary>
public sealed class TokenCountInput
{
    /// <summary>System text, turns, tool calls and tool results, in order.</summary>
    public List<TokenCountMessage> Messages { get; } = [];

    /// <summary>Tool definitions as JSON text (name, description, schema): the model reads them too.</summary>
    public List<string> Tools { get; } = [];
}

/// <summary>One turn: its role, its text (tool-call names and arguments included) and how many images it carries.</summary>
public sealed record TokenCountMessage(string Role, string Text, int LowDetailImages = 0, int OtherImages = 0);
