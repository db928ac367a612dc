namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Honours a Chat client's <c>stop</c> on answers from a Responses upstream, which has no such parameter: the
/// text is cut before the first stop sequence, as Chat Completions would. In a stream, only the tail that may
/// still grow into a stop sequence is held back; everything else passes on at once.
/// </summary>
internal sealed class StopSequences
{
    private readonly string[] _stops;
    private readonly StringBuilder _held = new();

    private StopSequences(string[] stops) => _stops = stops;

    /// <summary>A stop sequence was found: the rest of the text is dropped.</summary>
    public bool Stopped => Matched is not null;

    /// <summary>The stop sequence that was found (Anthropic's <c>stop_sequence</c>), or null.</summary>
    public string? Matched { get; private set; }

    /// <summary>The request's <c>stop</c> (a string or up to four strings), or null when it has none.</summary>
    public static StopSequences? From(JsonNode? stop)
    {
        string[] stops = stop is JsonArray array ? [.. array.Select(s => s.Str()).OfType<string>()] : stop.Str() is { } single ? [single] : [];
        stops = [.. stops.Where(s => s.Length > 0)];
        return stops.Length > 0 ? new StopSequences(stops) : null;
    }

    /// <summary>The text before the first stop sequence, marking <see cref="Stopped"/> when one was found.</summary>
    public string Cut(string text)
    {
        var (index, stop) = FirstStop(text);
        if (stop is null)
        {
            return text;
        }

        Matched = stop;
        return text[..index];
    }

    /// <summary>Takes the next streamed piece and returns what may be sent now.</summary>
    public string Push(string delta)
    {
        if (Stopped)
        {
            return "";
        }

        _held.Append(delta);
        var text = _held.ToString();
        _held.Clear();
        var cut = Cut(text);
        if (Stopped)
        {
            return cut;
        }

        var keep = PossibleStopStart(text);
        _held.Append(text, text.Length - keep, keep);
        return text[..^keep];
    }

    /// <summary>The stream ended: what was held back was no stop sequence after all.</summary>
    public string Flush()
    {
        var rest = _held.ToString();
        _held.Clear();
        return rest;
    }

    private (int Index, string? Stop) FirstStop(string text)
    {
        (int Index, string? Stop) first = (-1, null);
        foreach (var stop in _stops)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first.Stop is null || index < first.Index))
            {
                first = (index, stop);
            }
        }

        return first;
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that begins some stop sequence.</summary>
    private int PossibleStopStart(string text)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
