using Microsoft.ML.Tokenizers;

namespace Gateway.Core.TokenCounting;

/// <summary>
/// <see cref="ITokenCounter"/> over Microsoft.ML.Tokenizers' tiktoken encodings (data shipped in packages, no download).
/// Message framing follows OpenAI's published chat accounting: a few tokens per message plus the reply primer; an image
/// costs what OpenAI bills for one at low detail, or for a 1024×1024 picture otherwise, because its size is not known here.
/// </summary>
internal sealed class TiktokenTokenCounter : ITokenCounter
{
    private const int TokensPerMessage = 3;
    private const int ReplyPrimer = 3;
    private const int LowDetailImageTokens = 85;
    private const int OtherImageTokens = 765;

    // Loading an encoding parses a few MB of ranks: once per encoding per process.
    private readonly ConcurrentDictionary<string, Lazy<Tokenizer>> _tokenizers = new(StringComparer.Ordinal);

    public int Count(string? model, TokenCountInput input)
    {
        var tokenizer = TokenizerFor(TokenEncodings.For(model));
        var total = ReplyPrimer;
        foreach (var message in input.Messages)
        {
            total += TokensPerMessage + tokenizer.CountTokens(message.Role) + tokenizer.CountTokens(message.Text)
                + (message.LowDetailImages * LowDetailImageTokens) + (message.OtherImages * OtherImageTokens);
        }

        foreach (var tool in input.Tools)
        {
            total += tokenizer.CountTokens(tool);
        }

        return total;
    }

    private Tokenizer TokenizerFor(string encoding) =>
        _tokenizers.GetOrAdd(encoding, name => new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(name))).Value;
}
