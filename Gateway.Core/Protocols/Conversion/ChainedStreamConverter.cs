namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Two stream conversions in a row, upstream → middle protocol → client (Responses → Chat → Messages, Messages → Chat →
/// Responses): each upstream event passes through both as it arrives, so nothing is held beyond what each step holds.
/// </summary>
internal sealed class ChainedStreamConverter(IStreamConverter first, IStreamConverter second) : IStreamConverter
{
    private readonly List<SseEvent> _middle = [];

    public void Convert(SseEvent upstream, List<SseEvent> output)
    {
        first.Convert(upstream, _middle);
        Pass(output);
    }

    public void Complete(List<SseEvent> output)
    {
        first.Complete(_middle);
        Pass(output);
        second.Complete(output);
    }

    private void Pass(List<SseEvent> output)
    {
        foreach (var sse in _middle)
        {
            second.Convert(sse, output);
        }

        _middle.Clear();
    }
}
