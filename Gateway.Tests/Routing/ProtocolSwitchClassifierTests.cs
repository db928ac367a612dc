namespace Gateway.Tests.Routing;

public sealed class ProtocolSwitchClassifierTests
{
    [Theory]
    [InlineData(404, "{\"error\":{\"message\":\"Not Found\"}}", true)]
    [InlineData(405, null, true)]
    [InlineData(500, "internal error", true)]
    [InlineData(502, "<html>bad gateway</html>", true)]
    [InlineData(503, null, true)]
    [InlineData(400, "{\"error\":{\"message\":\"Unsupported endpoint: /v1/responses\"}}", true)]
    [InlineData(400, "{\"error\":{\"message\":\"Invalid URL (POST /v1/responses)\"}}", true)]
    [InlineData(422, "This provider does not support the Responses API", true)]
    [InlineData(401, "Unsupported endpoint", false)]
    [InlineData(403, null, false)]
    [InlineData(429, "Rate limit reached", false)]
    [InlineData(400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"flagged\"}}", false)]
    [InlineData(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", false)]
    [InlineData(500, "Your request was rejected by the safety system", false)]
    [InlineData(400, "{\"error\":{\"message\":\"temperature must be <= 2\"}}", false)]
    [InlineData(null, null, false)]
    [InlineData(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", false)]
    [InlineData(503, "{\"error\":{\"message\":\"The engine is currently at capacity\"}}", false)]
    [InlineData(404, "{\"error\":{\"message\":\"The model `gpt-5-pro` does not exist or you do not have access to it.\",\"code\":\"model_not_found\"}}", false)]
    public void AllowsSwitch_OnlyForProtocolLevelFailures(int? status, string? body, bool expected) =>
        Assert.Equal(expected, ProtocolSwitchClassifier.AllowsSwitch(status, body, FailureClassifier.Classify(status ?? 0, body, "application/json")));
}
