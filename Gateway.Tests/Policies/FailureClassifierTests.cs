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
    [InlineData(404, """{"error":{"message":"The model `gpt-5-pro` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", "application/json", FailureClass.ModelNotSupported)]
    [InlineData(404, """{"error":{"message":"Unknown path /v1/model_not_found","type":"invalid_request_error","code":"unknown_url"}}""", "application/json", FailureClass.NotFound)]
    [InlineData(404, """{"error":{"message":"Invalid URL (POST /v1/chat/completions)","code":"\"code\":\"model_not_found\""}}""", "application/json", FailureClass.NotFound)]
    [InlineData(405, "", null, FailureClass.MethodNotAllowed)]
    [InlineData(429, "", null, FailureClass.RateLimited)]
    [InlineData(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""", "application/json", FailureClass.QuotaExceeded)]
    [InlineData(503, """{"error":{"message":"The engine is currently at capacity"}}""", "application/json", FailureClass.Overloaded)]
    [InlineData(529, "", null, FailureClass.Overloaded)]
    [InlineData(503, """{"error":{"type":"overloaded_error"}}""", null, FailureClass.Overloaded)]
    [InlineData(500, "", null, FailureClass.ServerError)]
    [InlineData(502, "<html>bad gateway</html>", "text/html", FailureClass.ServerError)]
    [InlineData(418, "", null, FailureClass.OtherClientError)]
    public void ClassifiesAnHttpAnswer_ByStatusBodyAndContentType(int status, string body, string? contentType, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(status, body, contentType));

    [Theory]
    [InlineData(400, "Unrecognized request argument supplied: model_not_supported", "model_not_supported", FailureClass.RequestError)]
    [InlineData(400, "Invalid value for 'user': 'the model gpt-4o is not supported'.", "the model gpt-4o is not supported", FailureClass.RequestError)]
    [InlineData(400, "Unrecognized request argument supplied: quota_exceeded", "quota_exceeded", FailureClass.RequestError)]
    [InlineData(429, "Unrecognized request argument supplied: insufficient_quota", "insufficient_quota", FailureClass.RateLimited)]
    [InlineData(400, "The model vendor-large is not supported on your plan", "vendor-large", FailureClass.ModelNotSupported)]
    [InlineData(400, "You exceeded your current quota", "gpt-4o", FailureClass.QuotaExceeded)]
    [InlineData(500, "Could not process the message 'tell me when you are overloaded'", "tell me when you are overloaded", FailureClass.ServerError)]
    [InlineData(503, "The server is overloaded", "gpt-4o", FailureClass.Overloaded)]
    public void APhraseTheClientWroteItself_DoesNotEscalateTheFailure_ButOneTheUpstreamWroteDoes(int status, string message, string clientText, FailureClass expected)
    {
        var body = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error" } }.ToJsonString();

        Assert.Equal(expected, FailureClassifier.Classify(status, body, "application/json", text => clientText.Contains(text, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>SPEC 5.5: Anthropic's statuses and error bodies follow the same rules.</summary>
    [Theory]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", FailureClass.Overloaded)]
    [InlineData(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""", FailureClass.RateLimited)]
    [InlineData(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""", FailureClass.Unauthorized)]
    [InlineData(403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission"}}""", FailureClass.Forbidden)]
    [InlineData(402, """{"type":"error","error":{"type":"billing_error","message":"billing"}}""", FailureClass.PaymentRequired)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"messages: roles must alternate"}}""", FailureClass.RequestError)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""", FailureClass.RequestError)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}""", FailureClass.QuotaExceeded)]
    [InlineData(404, """{"type":"error","error":{"type":"not_found_error","message":"model: claude-3-opus-2099"}}""", FailureClass.ModelNotSupported)]
    [InlineData(404, """{"type":"error","error":{"type":"not_found_error","message":"Not found"}}""", FailureClass.NotFound)]
    [InlineData(413, """{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum size"}}""", FailureClass.RequestError)]
    [InlineData(500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", FailureClass.ServerError)]
    public void ClassifiesAnthropicHttpAnswers(int status, string body, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(status, body, "application/json"));

    [Theory]
    [InlineData("server_is_overloaded", null, "Our servers are busy", FailureClass.Overloaded)]
    [InlineData(null, "overloaded_error", "Overloaded", FailureClass.Overloaded)]
    [InlineData("server_error", null, "The model is at capacity. Please try again later.", FailureClass.Overloaded)]
    [InlineData("slow_down", null, "Please slow down", FailureClass.Overloaded)]
    [InlineData("rate_limit_exceeded", "requests", "Rate limit reached for gpt-4o", FailureClass.RateLimited)]
    [InlineData(null, "rate_limit_error", "Number of requests has exceeded your rate limit", FailureClass.RateLimited)]
    [InlineData(null, "usage_limit_reached", "The usage limit has been reached", FailureClass.RateLimited)]
    [InlineData("insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan", FailureClass.QuotaExceeded)]
    [InlineData("context_length_exceeded", null, "Your input exceeds the context window of this model.", FailureClass.RequestError)]
    [InlineData(null, "invalid_request_error", "Invalid value for 'tools'", FailureClass.RequestError)]
    [InlineData("content_policy_violation", null, "Your request was rejected by our safety system", FailureClass.RequestError)]
    [InlineData("model_not_found", "invalid_request_error", "The model `gpt-9` does not exist", FailureClass.ModelNotSupported)]
    [InlineData(null, "invalid_request_error", "The model `gpt-9` does not exist or you do not have access to it.", FailureClass.ModelNotSupported)]
    [InlineData("server_error", null, "The model is temporarily unavailable", FailureClass.ServerError)]
    [InlineData("context_length_exceeded", null, "a message that also says rate limit", FailureClass.RequestError)]
    [InlineData("server_error", "server_error", "An error occurred while processing your request.", FailureClass.ServerError)]
    [InlineData(null, null, "", FailureClass.ServerError)]
    [InlineData(null, "not_found_error", "model: claude-9", FailureClass.ModelNotSupported)]
    [InlineData(null, "api_error", "Internal server error", FailureClass.ServerError)]
    [InlineData(null, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", FailureClass.QuotaExceeded)]
    [InlineData("rate_limit_exceeded", null, "You exceeded your current quota, please check your plan", FailureClass.QuotaExceeded)]
    public void ClassifiesAFailureReportedInsideA2xxAnswer_QuotaFirstThenByCodeAndTypeBeforeMessage(string? code, string? type, string message, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.ClassifyReported(code, type, message));

    [Theory]
    [InlineData("invalid_request_error", "Unrecognized request argument supplied: model_not_supported", "model_not_supported", FailureClass.RequestError)]
    [InlineData("invalid_request_error", "Unrecognized request argument supplied: quota_exceeded", "quota_exceeded", FailureClass.RequestError)]
    [InlineData(null, "Unknown parameter: overloaded", "overloaded", FailureClass.ServerError)]
    [InlineData("invalid_request_error", "The model vendor-large is not supported on your plan", "vendor-large", FailureClass.ModelNotSupported)]
    [InlineData(null, "You exceeded your current quota", "gpt-4o", FailureClass.QuotaExceeded)]
    public void APhraseTheClientWroteItself_DoesNotEscalateAReportedFailure_ButOneTheUpstreamWroteDoes(string? type, string message, string clientText, FailureClass expected) =>
        Assert.Equal(expected, FailureClassifier.ClassifyReported(null, type, message, text => clientText.Contains(text, StringComparison.OrdinalIgnoreCase)));
}
