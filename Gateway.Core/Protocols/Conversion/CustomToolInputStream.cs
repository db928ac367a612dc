namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// The text of one custom tool call streamed by an upstream that took the tool as a JSON tool (<see cref="CustomTools"/>),
/// decoded as it arrives: the call's <c>{"input": "…"}</c> comes as pieces of JSON (Anthropic's <c>input_json_delta</c>, a
/// Chat function call's <c>arguments</c> deltas), and the client wants the text inside, piece by piece.
/// <see cref="Append"/> gives what each piece adds to the text, its escapes resolved; an escape or a surrogate pair cut
/// between two pieces waits for the next one. An input of any other shape (another property first, a value that is no
/// string) is given whole by <see cref="Finish"/>, as <see cref="CustomTools.UnwrapArguments"/> reads it.
/// </summary>
internal sealed class CustomToolInputStream
{
    // What comes before the text, each part after optional white space.
    private static readonly string[] Head = ["{", $"\"{CustomTools.InputProperty}\"", ":", "\""];

    private readonly StringBuilder _json = new();
    private State _state;
    private int _position;

    private enum State
    {
        Head,
        Text,
        Ended,
        OtherShape,
    }

    /// <summary>The text a piece of the call's JSON adds (empty while the text has not started, or waits for the rest of an escape).</summary>
    public string Append(string piece)
    {
        _json.Append(piece);
        if (_state == State.Head)
        {
            ReadHead();
        }

        return _state == State.Text ? ReadText() : "";
    }

    /// <summary>What the call's input holds that <see cref="Append"/> did not give: all of it when it had another shape.</summary>
    public string Finish()
    {
        if (_state is State.Text or State.Ended)
        {
            return "";
        }

        return CustomTools.UnwrapArguments(_json.ToString());
    }

    private void ReadHead()
    {
        var i = 0;
        foreach (var part in Head)
        {
            while (i < _json.Length && char.IsWhiteSpace(_json[i]))
            {
                i++;
            }

            foreach (var expected in part)
            {
                if (i == _json.Length)
                {
                    return;
                }

                if (_json[i++] != expected)
                {
                    _state = State.OtherShape;
                    return;
                }
            }
        }

        _position = i;
        _state = State.Text;
    }

    private string ReadText()
    {
        var text = new StringBuilder();
        while (_position < _json.Length)
        {
            var c = _json[_position];
            if (c == '"')
            {
                _state = State.Ended;
                break;
            }

            if (c != '\\')
            {
                // A pair's high half at the end of a piece waits for its low half.
                if (char.IsHighSurrogate(c) && _position + 1 == _json.Length)
                {
                    break;
                }

                text.Append(c);
                _position++;
                continue;
            }

            if (!TryEscape(_position, out var decoded, out var length))
            {
                break;
            }

            text.Append(decoded);
            _position += length;
        }

        return text.ToString();
    }

    // The escape at `at`: false while its rest (or, for a high surrogate, the low one's escape) has not arrived yet.
    private bool TryEscape(int at, out string decoded, out int length)
    {
        decoded = "";
        length = 0;
        if (at + 1 >= _json.Length)
        {
            return false;
        }

        var kind = _json[at + 1];
        if (kind != 'u')
        {
            decoded = kind switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                _ => kind.ToString(),
            };
            length = 2;
            return true;
        }

        if (!TryHex(at + 2, out var unit))
        {
            return false;
        }

        length = 6;
        if (!char.IsHighSurrogate(unit))
        {
            decoded = char.IsLowSurrogate(unit) ? "\uFFFD" : unit.ToString();
            return true;
        }

        // A high surrogate pairs with the low one escaped right after it; alone, it is no text.
        if (at + 7 >= _json.Length)
        {
            return false;
        }

        if (_json[at + 6] != '\\' || _json[at + 7] != 'u')
        {
            decoded = "\uFFFD";
            return true;
        }

        if (!TryHex(at + 8, out var low))
        {
            return false;
        }

        decoded = char.IsLowSurrogate(low) ? string.Concat(unit.ToString(), low.ToString()) : "\uFFFD";
        length = char.IsLowSurrogate(low) ? 12 : 6;
        return true;
    }

    // The four hex digits at `at` as one UTF-16 unit (U+FFFD for digits that are no hex); false until all four have arrived.
    private bool TryHex(int at, out char unit)
    {
        unit = '\uFFFD';
        if (at + 4 > _json.Length)
        {
            return false;
        }

        if (ushort.TryParse(_json.ToString(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            unit = (char)value;
        }

        return true;
    }
}
