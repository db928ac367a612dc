namespace Gateway.Tests.Web.Console;

public sealed class AccountEditorModelTests
{
    [Theory]
    [InlineData("429, 503, 429, 99", new[] { "99:OutOfRange" })]
    [InlineData("429,503", new string[0])]
    [InlineData("", new string[0])]
    [InlineData(" , 600 , x1, 100", new[] { "600:OutOfRange", "x1:NotANumber" })]
    [InlineData("-5, 599", new[] { "-5:OutOfRange" })]
    public void RetryCodeProblems_NameEachBadEntryAsTyped_AndWhy(string text, string[] expected)
    {
        var model = new AccountEditorModel { RetryStatusCodes = text };

        Assert.Equal(expected, model.RetryCodeProblems.Select(p => $"{p.Entry}:{p.Problem}"));
        Assert.Equal(expected.Length == 0, model.RetryCodeProblems.Count == 0);
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
    public void EachField_NamesTheRuleItBreaks_AndAnEmptyNameIsRequiredNotTooLong()
    {
        var model = new AccountEditorModel { Name = "  ", BaseUrl = "not a url", RetryStatusCodes = "99", Priority = -1 };

        Assert.False(model.IsValid);
        Assert.Equal([AccountInputRule.Required], model.ProblemsOf("name").Select(e => e.Rule));
        Assert.Equal([AccountInputRule.InvalidUrl], model.ProblemsOf("base_url").Select(e => e.Rule));
        Assert.Equal([AccountInputRule.Required], model.ProblemsOf("api_key").Select(e => e.Rule));
        Assert.Equal([0, 10_000], model.ProblemsOf("priority").Single().Values);
        Assert.Equal([AccountInputRule.TooLong], new AccountEditorModel { Name = new string('n', 201) }.ProblemsOf("name").Select(e => e.Rule));
    }

    [Theory]
    [InlineData("https://api.example/v1?key=sk-in-query")]
    [InlineData("https://user:sk-in-userinfo@api.example/v1")]
    [InlineData("https://api.example/v1#fragment")]
    [InlineData("https://api.example/v1?")]
    public void BaseUrl_WithAQueryFragmentOrUserInfo_IsNotARoot(string baseUrl)
    {
        var model = new AccountEditorModel { Name = "a", BaseUrl = baseUrl, Secret = "k" };

        Assert.Equal([AccountInputRule.BaseUrlNotRoot], model.ProblemsOf("base_url").Select(e => e.Rule));
        Assert.True(new AccountEditorModel { Name = "a", BaseUrl = "https://api.example:8443/compatible-mode/v1", Secret = "k" }.IsValid);
    }

    [Fact]
    public void AStoredBaseUrlWithCredentials_IsEditedWithoutThem()
    {
        var model = AccountEditorModel.ForAccount(new Account { Id = 4, Name = "a", BaseUrl = "https://u:sk-pass@old.example/v1?key=sk-query#f", ProtectedSecret = "p" });

        Assert.Equal("https://old.example/v1", model.BaseUrl);
        Assert.Empty(model.ProblemsOf("base_url"));
        Assert.Empty(model.ProblemsOf("api_key"));
    }

    [Fact]
    public void MappingLines_NameTheirProblem_AndAHalfFilledLineCountsOnlyOnSave()
    {
        var model = new AccountEditorModel();
        ModelMappingRow wildcard = new() { From = "gpt-*-mini", To = "x" }, first = new() { From = "gpt-4o", To = "a" }, again = new() { From = "gpt-4o", To = "b" }, half = new() { From = "o3" }, blank = new();
        ModelMappingRow tooLong = new() { From = "o4", To = new string('m', GatewayOptions.ModelColumnLength + 1) };
        model.ModelMapping.AddRange([wildcard, first, again, half, blank, tooLong]);

        Assert.Equal([MappingProblem.Wildcard], model.MappingProblems(wildcard));
        Assert.Equal([MappingProblem.TooLong], model.MappingProblems(tooLong));
        Assert.Empty(model.MappingProblems(first));
        Assert.Equal([MappingProblem.Duplicate], model.MappingProblems(again));
        Assert.Empty(model.MappingProblems(half));
        Assert.Empty(model.MappingProblems(blank));
        model.SaveAttempted = true;
        Assert.Equal([MappingProblem.Incomplete], model.MappingProblems(half));
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
        Assert.True(model.IsValid);
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
        Assert.True(model.IsValid);
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

    [Fact]
    public void ConnectionDraft_CarriesTheSettingsAsTyped_AndABlankSecretMeansTheStoredOne()
    {
        var model = AccountEditorModel.ForAccount(new Account { Id = 4, Name = "a", BaseUrl = "https://old.example", ProtectedSecret = "p" });
        model.BaseUrl = "https://new.example";
        model.ModelMapping.Add(new ModelMappingRow { From = "gpt-4o", To = "deepseek-chat" });

        var draft = model.ToConnectionDraft();

        Assert.Equal(("https://new.example", (string?)null, (long?)4), (draft.BaseUrl, draft.Secret, draft.StoredAccountId));
        Assert.Equal(["deepseek-chat", "gpt-4o"], model.TestModelSuggestions);
    }
}
