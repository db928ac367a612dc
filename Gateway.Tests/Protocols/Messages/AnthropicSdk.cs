using Anthropic.Core;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Protocols.Messages;

/// <summary>The official Anthropic .NET SDK pointed at the gateway, with the gateway key and no retries of its own; a tool to call.</summary>
internal static class AnthropicSdk
{
    /// <param name="requestId">Sent as <c>x-request-id</c>, so the test can read the request's usage row.</param>
    public static AnthropicClient For(EngineHarness gateway, string? requestId = null, string? key = null) => new(new ClientOptions
    {
        ApiKey = key ?? gateway.Key,
        BaseUrl = gateway.Address.ToString().TrimEnd('/'),
        MaxRetries = 0,
        ExtraHeaders = requestId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["x-request-id"] = requestId },
    });

    /// <summary>A client tool: <c>weather</c> of a city.</summary>
    public static Tool WeatherTool { get; } = new()
    {
        Name = "weather",
        Description = "Weather of a city",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
            Required = ["city"],
        },
    };
}
