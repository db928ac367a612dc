using Gateway.Web.Metrics;

namespace Gateway.Tests.Web.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("gateway.requests", "{request}", true, "gateway_requests_total")]
    [InlineData("gateway.request.duration", "s", false, "gateway_request_duration_seconds")]
    [InlineData("gateway.time_to_first_token", "s", false, "gateway_time_to_first_token_seconds")]
    [InlineData("gateway.accounts.cooling", "{account}", false, "gateway_accounts_cooling")]
    [InlineData("gateway.job_runs", "{run}", true, "gateway_job_runs_total")]
    [InlineData("http.server-latency", "ms", false, "http_server_latency_milliseconds")]
    [InlineData("9lives", null, false, "_lives")]
    public void MetricName_FollowsTheOpenTelemetryToPrometheusConventions(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, counter));

    [Fact]
    public void Labels_AreSortedAndEscaped()
    {
        var labels = PrometheusText.Labels([new("status", "200"), new("endpoint", "a\"b\\c\nd")]);

        Assert.Equal("{endpoint=\"a\\\"b\\\\c\\nd\",status=\"200\"}", labels);
        Assert.Equal("", PrometheusText.Labels([]));
        Assert.Equal("{le=\"0.5\"}", PrometheusText.WithLabel("", "le", "0.5"));
        Assert.Equal("{a=\"1\",le=\"+Inf\"}", PrometheusText.WithLabel("{a=\"1\"}", "le", "+Inf"));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.25, "0.25")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Values_UseInvariantCultureAndPrometheusInfinity(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Value(value));
}
