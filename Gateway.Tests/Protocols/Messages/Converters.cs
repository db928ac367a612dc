using Gateway.Core;
using Gateway.Core.Accounts;
using Gateway.Core.Protocols;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Protocols.Messages;

/// <summary>The host's converter factory with default options, for conversions tested without the engine.</summary>
internal static class Converters
{
    public static IProtocolConverterFactory Factory { get; } =
        new ServiceCollection().AddSingleton<TimeProvider>(new TestTimeProvider()).AddProtocolConversion().BuildServiceProvider().GetRequiredService<IProtocolConverterFactory>();

    public static IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, string model) =>
        Factory.Create(inbound, upstream, model);
}
