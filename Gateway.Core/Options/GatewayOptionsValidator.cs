namespace Gateway.Core.Options;

/// <summary>
/// Checks <see cref="GatewayOptions"/> against its attributes and rules (generated at compile time); the host runs it at
/// start-up and refuses to start with every broken setting named in one message.
/// </summary>
[OptionsValidator]
public sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
