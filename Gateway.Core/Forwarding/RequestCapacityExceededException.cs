namespace Gateway.Core.Forwarding;

/// <summary>A request body would take the gateway past the request bytes it may hold (<see cref="RequestCapacity"/>): answered 503.</summary>
public sealed class RequestCapacityExceededException(string message) : Exception(message);
