namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 5.5: errors in the shape the client's SDK reads, the gateway's own and an upstream's alike.</summary>
public sealed class ClientErrorShapeTests
{
    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(402, "billing_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(413, "request_too_large")]
    [InlineData(422, "invalid_request_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(502, "api_error")]
    [InlineData(503, "api_error")]
    [InlineData(504, "timeout_error")]
    [InlineData(529, "overloaded_error")]
    public void AnthropicErrorType_IsNamedByTheStatus(int status, string type) => Assert.Equal(type, AnthropicErrors.ForStatus(status));

    [Theory]
    [InlineData(ApiProtocol.Messages, """{"type":"error","error":{"type":"authentication_error","message":"Invalid key"}}""")]
    [InlineData(ApiProtocol.Chat, """{"error":{"message":"Invalid key","type":"invalid_request_error","code":"invalid_api_key"}}""")]
    [InlineData(ApiProtocol.Responses, """{"error":{"message":"Invalid key","type":"invalid_request_error","code":"invalid_api_key"}}""")]
    public void GatewayErrors_TakeTheClientsShape(ApiProtocol client, string expected) =>
        Golden.AssertEqual(expected, Golden.Parse(Encoding.UTF8.GetString(ClientErrors.Body(client, 401, "Invalid key", "invalid_request_error", "invalid_api_key"))));

    [Theory]
    [InlineData(ApiProtocol.Messages, ApiProtocol.Chat, 400, """{"error":{"message":"bad tools","type":"invalid_request_error","code":null}}""", """{"type":"error","error":{"type":"invalid_request_error","message":"bad tools"}}""")]
    [InlineData(ApiProtocol.Messages, ApiProtocol.Responses, 404, "<html>no such route</html>", """{"type":"error","error":{"type":"not_found_error","message":"<html>no such route</html>"}}""")]
    [InlineData(ApiProtocol.Chat, ApiProtocol.Messages, 400, """{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}""", """{"error":{"message":"bad","type":"invalid_request_error","code":null}}""")]
    [InlineData(ApiProtocol.Responses, ApiProtocol.Messages, 413, "", """{"error":{"message":"The upstream answered 413.","type":"upstream_error","code":null}}""")]
    public void UpstreamErrorBodies_AreRewrittenAcrossProtocolFamilies(ApiProtocol client, ApiProtocol upstream, int status, string body, string expected)
    {
        var (converted, contentType) = UpstreamErrorBodies.ForClient(client, upstream, status, body);

        Golden.AssertEqual(expected, Golden.Parse(Encoding.UTF8.GetString(converted)));
        Assert.Equal("application/json", contentType);
    }

    [Theory]
    [InlineData(ApiProtocol.Chat, ApiProtocol.Responses)]
    [InlineData(ApiProtocol.Messages, ApiProtocol.Messages)]
    public void UpstreamErrorBodies_PassUnchangedWithinAFamily_JsonAsJsonAndAnythingElseAsPlainText(ApiProtocol client, ApiProtocol upstream)
    {
        var (json, jsonType) = UpstreamErrorBodies.ForClient(client, upstream, 400, """{"any":"shape"}""");
        var (html, htmlType) = UpstreamErrorBodies.ForClient(client, upstream, 400, "<html>gone</html>");

        Assert.Equal(("""{"any":"shape"}""", "application/json"), (Encoding.UTF8.GetString(json), jsonType));
        Assert.Equal(("<html>gone</html>", "text/plain; charset=utf-8"), (Encoding.UTF8.GetString(html), htmlType));
    }

    [Theory]
    [InlineData(ApiProtocol.Messages, 401, FailureClass.Unauthorized, """{"type":"error","error":{"type":"authentication_error","message":"The upstream failed to answer the request."}}""")]
    [InlineData(ApiProtocol.Messages, 400, FailureClass.RequestError, """{"type":"error","error":{"type":"invalid_request_error","message":"too long"}}""")]
    [InlineData(ApiProtocol.Messages, 429, FailureClass.RateLimited, """{"type":"error","error":{"type":"rate_limit_error","message":"The upstream is rate-limited or overloaded; retry later."}}""")]
    [InlineData(ApiProtocol.Chat, 400, FailureClass.RequestError, """{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}""")]
    [InlineData(ApiProtocol.Responses, 502, FailureClass.ServerError, """{"error":{"message":"The upstream failed to answer the request.","type":"upstream_error","code":"upstream_failed"}}""")]
    public void GatewaysOwnUpstreamFailureErrors_TakeTheClientsShape(ApiProtocol client, int status, FailureClass failure, string expected) =>
        Golden.AssertEqual(expected, Golden.Parse(Encoding.UTF8.GetString(UpstreamFailureErrors.Body(client, status, failure, "too long", "context_length_exceeded"))));
}
