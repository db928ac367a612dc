namespace Gateway.Core.Forwarding;

/// <summary>The one log entry of an upstream answer that passed a read cap.</summary>
internal static partial class ReadLimitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the {What} of account {AccountId} passed the read limit of {Limit} bytes; the attempt fails as the upstream's fault")]
    public static partial void Exceeded(ILogger logger, string requestId, long accountId, string what, long limit);
}
