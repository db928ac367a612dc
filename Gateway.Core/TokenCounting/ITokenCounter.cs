namespace Gateway.Core.TokenCounting;

/// <summary>
/// Counts a request's input tokens locally with the model family's real tokenizer (SPEC 4.4), for token-count endpoints
/// whose upstream has no count endpoint of its own. Protocol-neutral: each API turns its request into a
/// <see cref="TokenCountInput"/> first.
/// </summary>
public interface ITokenCounter
{
    /// <param name="model">The model the client named (decides the encoding); null or unknown counts with the current default.</param>
    int Count(string? model, TokenCountInput input);
}
