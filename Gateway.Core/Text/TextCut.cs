namespace Gateway.Core.Text;

/// <summary>Shortens text to a length limit without splitting a surrogate pair, which would not encode.</summary>
internal static class TextCut
{
    public static string ToLength(string value, int maxLength) =>
        value.Length <= maxLength ? value
        : maxLength > 0 && char.IsHighSurrogate(value[maxLength - 1]) ? value[..(maxLength - 1)]
        : value[..maxLength];
}
