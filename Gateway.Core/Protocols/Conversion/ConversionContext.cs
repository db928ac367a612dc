namespace Gateway.Core.Protocols.Conversion;

/// <summary>What one attempt's conversion needs beyond the two protocols: whose request it is and where it goes.</summary>
/// <param name="ClientModel">The model name the client asked for, echoed back in converted answers.</param>
public sealed record ConversionContext(string ClientModel)
{
    /// <summary>The client's API key: stored conversation state belongs to it.</summary>
    public long KeyId { get; init; }

    /// <summary>The upstream account's platform: which optional parameters a Chat upstream accepts.</summary>
    public AccountPlatform UpstreamPlatform { get; init; } = AccountPlatform.OpenAiCompatible;

    /// <summary>The stored items the request refers to, read before the attempt loop; null when it refers to none.</summary>
    public ConversationHistory? Conversation { get; init; }
}
