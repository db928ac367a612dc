using System.Text;

namespace Gateway.Core.Protocols.Sse;

/// <summary>Serialises events in the canonical form: optional <c>event:</c>, one <c>data:</c> line per data line, a blank line.</summary>
public static class SseWriter
{
    public static byte[] Encode(SseEvent sse)
    {
        var text = new StringBuilder(sse.Data.Length + 32);
        if (sse.EventType is not null)
        {
            text.Append("event: ").Append(sse.EventType).Append('\n');
        }

        if (!sse.Data.Contains('\n'))
        {
            text.Append("data: ").Append(sse.Data).Append('\n');
        }
        else
        {
            foreach (var line in sse.Data.Split('\n'))
            {
                text.Append("data: ").Append(line).Append('\n');
            }
        }

        text.Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
