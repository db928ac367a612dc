namespace Gateway.Tests.Routing;

public class ModelMapperTests
{
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["gpt-4o"] = "deepseek-chat",
        ["gpt-4*"] = "glm-4",
        ["gpt-4o-mini*"] = "qwen-turbo",
        ["o*"] = "kimi",
    };

    [Theory]
    [InlineData("gpt-4o", "deepseek-chat")]
    [InlineData("gpt-4.1", "glm-4")]
    [InlineData("gpt-4o-mini-2024", "qwen-turbo")]
    [InlineData("o3", "kimi")]
    [InlineData("claude-3", "claude-3")]
    public void MapsExactThenLongestWildcardElseUnchanged(string requested, string expected) =>
        Assert.Equal(expected, ModelMapper.Map(Mapping, requested));

    [Fact]
    public void NoMappingSendsTheModelUnchangedAndServesEveryModel()
    {
        Assert.Equal("anything", ModelMapper.Map(new Dictionary<string, string>(), "anything"));
        Assert.True(ModelMapper.Serves(new Dictionary<string, string>(), "anything"));
    }

    [Fact]
    public void AMappedAccountServesOnlyTheModelsItMaps()
    {
        Assert.True(ModelMapper.Serves(Mapping, "gpt-4-turbo"));
        Assert.False(ModelMapper.Serves(Mapping, "claude-3"));
    }
}
