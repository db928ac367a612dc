namespace Gateway.Core.Accounts;

/// <summary>Which upstream model names an account may be suspended for (SPEC 4.4, bounded against invented names).</summary>
internal static class ModelSuspensionLimits
{
    /// <summary>
    /// A model the account could serve: one its mapping sends upstream when it has a mapping, any name of sensible length
    /// when it has none (such an account accepts every model, so only the per-account limit bounds its suspensions).
    /// </summary>
    public static bool CouldServe(Account account, string upstreamModel, GatewayOptions options) =>
        upstreamModel.Length <= options.MaxModelNameLength
        && (account.ModelMapping.Count == 0
            || account.ModelMapping.Values.Any(target => target == upstreamModel
                || (account.Type == AccountType.OAuth && CodexModelNormalizer.Normalize(target).Model == upstreamModel)));
}
