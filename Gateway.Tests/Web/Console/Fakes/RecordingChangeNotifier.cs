namespace Gateway.Tests.Web.Console.Fakes;

/// <summary>Keeps the account and key changes the admin services announce.</summary>
public sealed class RecordingChangeNotifier : IAccountChangeNotifier, IApiKeyChangeNotifier
{
    public List<AccountChange> AccountChanges { get; } = [];

    public List<string> KeyChanges { get; } = [];

    public void AccountChanged(AccountChange change) => AccountChanges.Add(change);

    public void ApiKeyChanged(string keyHash) => KeyChanges.Add(keyHash);
}
