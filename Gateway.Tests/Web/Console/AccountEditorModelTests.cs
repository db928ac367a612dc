using Gateway.Core.Accounts;
using Gateway.Web.Console.Accounts;

namespace Gateway.Tests.Web.Console;

public sealed class AccountEditorModelTests
{
    [Theory]
    [InlineData("429, 503, 429, 99", new[] { "99" })]
    [InlineData("429,503", new string[0])]
    [InlineData("", new string[0])]
    [InlineData(" , 600 , x1, 100", new[] { "600", "x1" })]
    [InlineData("-5, 599", new[] { "-5" })]
    public void InvalidRetryStatusCodes_NameEachBadEntryAsTyped(string text, string[] expected)
    {
        var model = new AccountEditorModel { RetryStatusCodes = text };

        Assert.Equal(expected, model.InvalidRetryStatusCodes);
    }

    [Theory]
    [InlineData("429, 503, 429", new[] { 429, 503 })]
    [InlineData("503,429 ,401", new[] { 401, 429, 503 })]
    public void RetryStatusCodes_AreDeduplicatedAndSortedOnSave(string text, int[] expected)
    {
        var input = new AccountEditorModel { RetryStatusCodes = text }.ToInput();

        Assert.Equal(expected, input.PoolModeRetryStatusCodes);
    }

    [Fact]
    public void EmptyRetryStatusCodes_MeanTheDefault()
    {
        var input = new AccountEditorModel { RetryStatusCodes = "  " }.ToInput();

        Assert.Null(input.PoolModeRetryStatusCodes);
    }

    [Fact]
    public void Validate_ReportsBadRetryCodesAlongsideTheAdminValidatorsFields()
    {
        var model = new AccountEditorModel { Name = "", BaseUrl = "not a url", RetryStatusCodes = "99" };

        var errors = model.Validate();

        Assert.Equal(["99"], errors["pool_mode_retry_status_codes"]);
        Assert.Contains("name", errors.Keys);
        Assert.Contains("base_url", errors.Keys);
        Assert.Contains("api_key", errors.Keys);
    }

    [Fact]
    public void EditingAnAccount_KeepsTheStoredSecretWhenTheFieldStaysEmpty()
    {
        var account = new Account
        {
            Id = 7,
            Name = "a",
            BaseUrl = "https://up.example",
            ProtectedSecret = "protected",
            PoolMode = true,
            PoolModeRetryStatusCodes = [503, 429],
            EndpointMode = EndpointMode.Both,
            ModelMapping = new() { ["gpt-*"] = "deepseek-chat" },
        };

        var model = AccountEditorModel.ForAccount(account);
        var input = model.ToInput();

        Assert.False(model.IsNew);
        Assert.True(model.HasStoredSecret);
        Assert.Equal("429, 503", model.RetryStatusCodes);
        Assert.Null(input.ApiKey);
        Assert.False(input.HasSecret);
        Assert.Equal(EndpointMode.Both, input.EndpointMode);
        Assert.Equal("deepseek-chat", input.ModelMapping["gpt-*"]);
        Assert.Empty(model.Validate());
    }

    [Fact]
    public void OAuthSecrets_GoToTheTokenFields()
    {
        var input = new AccountEditorModel { Type = AccountType.OAuth, Secret = " at ", RefreshToken = "rt", TokenUrl = "https://auth.example/token", OAuthClientId = "app" }.ToInput();

        Assert.Null(input.ApiKey);
        Assert.Equal("at", input.AccessToken);
        Assert.Equal("rt", input.RefreshToken);
        Assert.Equal("https://auth.example/token", input.TokenUrl);
        Assert.Equal("app", input.OAuthClientId);
    }

    [Fact]
    public void SwitchingToOAuth_DropsPoolModeInsteadOfFailingValidation()
    {
        var model = new AccountEditorModel { Name = "o", BaseUrl = "https://up.example", PoolMode = true, Type = AccountType.OAuth, Secret = "at" };

        Assert.False(model.ToInput().PoolMode);
        Assert.Empty(model.Validate());
    }

    [Fact]
    public void EditingAnAccount_KeepsEveryFieldTheDialogDoesNotChange()
    {
        var account = new Account
        {
            Name = "oauth",
            BaseUrl = "https://up.example",
            Type = AccountType.OAuth,
            TokenUrl = "https://auth.example/token",
            OAuthClientId = "client-1",
            Schedulable = false,
            Status = AccountStatus.Error,
            Priority = 7,
            Concurrency = 9,
            Passthrough = true,
            PoolModeRetryCount = 5,
        };

        var input = AccountEditorModel.ForAccount(account).ToInput();

        Assert.Equal(
            ("https://auth.example/token", "client-1", false, AccountStatus.Error, 7, 9, true, 5),
            (input.TokenUrl, input.OAuthClientId, input.Schedulable, input.Status, input.Priority, input.Concurrency, input.Passthrough, input.PoolModeRetryCount));
    }
}
