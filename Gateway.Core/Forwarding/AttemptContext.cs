using System.Diagnostics.CodeAnalysis;

namespace Gateway.Core.Forwarding;

/// <summary>What one upstream attempt works with, shared by the pieces of the first-chunk gate.</summary>
internal sealed class AttemptContext
{
    public required HttpContext Http { get; init; }

    public required GatewayRequest Request { get; init; }

    /// <summary>The account the attempt runs on: its secret is scrubbed from everything the upstream writes back.</summary>
    public required AccountRuntime Runtime { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>The protocol the attempt speaks upstream.</summary>
    public required ApiProtocol Upstream { get; init; }

    /// <summary>Set when <see cref="Upstream"/> differs from the client's protocol.</summary>
    public IProtocolConverter? Converter { get; init; }

    /// <summary>Set when the answer is relayed in the client's protocol from an account that maps the client's model to another name.</summary>
    public AnswerModel? ModelName { get; init; }

    /// <summary>The gateway asked a Chat upstream for usage the client did not ask for: its usage chunk is not relayed.</summary>
    public bool DropUsageChunks { get; init; }

    public required ActivityTimeout Idle { get; init; }

    public required RequestClock Clock { get; init; }

    public required GatewayOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Told once, at the moment the attempt commits (the endpoint cache remembers the protocol then).</summary>
    public required Action Committed { get; init; }

    public IAnswerPolicy Answers => AnswerPolicies.For(Upstream);

    public Stream ClientBody => Http.Response.Body;

    /// <summary>Notes (once, where the read stopped) that the upstream's answer passed a read cap; the attempt fails with it.</summary>
    public AttemptError ReadLimitHit(ReadLimitExceededException limit)
    {
        ReadLimitLog.Exceeded(Logger, Request.RequestId, Runtime.Id, limit.What, limit.Limit);
        return AttemptError.UpstreamAnswerTooLarge;
    }

    /// <summary>Upstream-written text without the account's secret or anything shaped like a credential.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text) => text is null ? null : SecretScrubber.Scrub(text, Runtime.Secret);

    /// <summary>An event the upstream wrote with every string in it scrubbed as <see cref="Scrub(string?)"/> scrubs text.</summary>
    public SseEvent Scrub(SseEvent sse) => SecretScrubber.ScrubEvent(sse, Runtime.Secret);
}
