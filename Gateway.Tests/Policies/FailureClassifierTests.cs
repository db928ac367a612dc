using Gateway.Core.Policies;

namespace Gateway.Tests.Policies;

public class FailureClassifierTests
{
    [Theory]
    [InlineData(200, "", "application/json", FailureClass.None)]
    [InlineData(400, """{"error":{"message":"Invalid value for messages"}}""", "application/json", FailureClass.RequestError)]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 8192 tokens"}}""", "application/json", FailureClass.RequestError)]
    [InlineData(400, """{"error":{"message":"Your request was rejected by our content policy"}}""", "application/json", FailureClass.RequestError)]
    [InlineData(400, """{"error":{"message":"'temperature' is not supported with this model."}}""", "application/json", FailureClass.RequestError)]
    [InlineData(400, """{"error":{"message":"The model `gpt-5` does not exist or you do not have access to it."}}""", "application/json", FailureClass.ModelNotSupported)]
    [InlineData(400, """{"error":{"message":"model not supported"}}""", "application/json", FailureClass.ModelNotSupported)]
    [InlineData(422, """{"error":{"message":"This model is not available for your plan"}}""", "application/json", FailureClass.ModelNotSupported)]
    [InlineData(400, """{"error":{"code":"model_not_supported"}}""", "application/json", FailureClass.ModelNotSupported)]
    [InlineData(422, """{"detail":"unprocessable"}""", "application/json", FailureClass.RequestError)]
    [InlineData(401, "", "application/json", FailureClass.Unauthorized)]
    [InlineData(402, "", "application/json", FailureClass.PaymentRequired)]
    [InlineData(403, """{"error":{"type":"forbidden_error"}}""", "application/json", FailureClass.Forbidden)]
    [InlineData(403, "<html><body>Access denied</body></html>", "text/html", FailureClass.ForbiddenHtml)]
    [InlineData(403, "  <!DOCTYPE html>", null, FailureClass.ForbiddenHtml)]
    [InlineData(404, "", null, FailureClass.NotFound)]
    [InlineData(405, "", null, FailureClass.MethodNotAllowed)]
    [InlineData(429, "", null, FailureClass.RateLimited)]
    [InlineData(529, "", null, FailureClass.Overloaded)]
    [InlineData(503, """{"error":{"type":"overloaded_error"}}""", null, FailureClass.Overloaded)]
    [InlineData(500, "", null, FailureClass.ServerError)]
    [InlineData(502, "<html>bad gateway</html>", "text/html", FailureClass.ServerError)]
    [InlineData(418, "", null, FailureClass.OtherClientError)]
    public void ClassifiesByStatusBodyAndContentType(int status, string body, string? contentType, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(status, body, contentType));

    [Theory]
    [InlineData("rate_limit_exceeded", "slow down", FailureClass.RateLimited)]
    [InlineData(null, "Overloaded", FailureClass.Overloaded)]
    [InlineData("server_error", "boom", FailureClass.BrokenAnswer)]
    public void ClassifiesAnErrorInTheFirstStreamEvent(string? code, string message, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.ClassifyErrorEvent(code, message));
}
