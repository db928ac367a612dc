namespace Gateway.Core.Forwarding;

/// <summary>
/// The first-chunk gate over a whole (non-stream) 2xx answer: the body is read completely and commits only when it is
/// an answer, not a failure (SPEC 3 and 4.6: a Responses object with <c>status: "failed"</c>, a body holding an
/// <c>error</c>); then it is converted when the protocols differ (else names the client's model, when mapped) and
/// written at once.
/// </summary>
internal static class JsonAnswerRelay
{
    public static async ValueTask<AttemptOutcome> RelayAsync(AttemptContext attempt, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        byte[] bytes;
        try
        {
            bytes = await BodyBuffer.ReadWholeAsync(response.Content, attempt.Options.UpstreamBodyMaxBytes, "answer body", attempt.Idle, attempt.Idle.Token);
        }
        catch (ReadLimitExceededException limit)
        {
            return AttemptOutcome.Broken(attempt.ReadLimitHit(limit), status, committed: false);
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            return AttemptOutcome.Broken(attempt.Idle.UpstreamFailure(ex, beforeHeaders: false), status, committed: false);
        }

        TokenUsage? usage;
        string? responseId;

        // A read-only document is enough to check the answer and read its usage; only conversion needs a mutable tree.
        using (var document = JsonNodes.ParseObjectDocument(bytes))
        {
            if (document is null)
            {
                return AttemptOutcome.Broken(AttemptError.UpstreamAnswerUnusable, status, committed: false);
            }

            var root = document.RootElement;
            if (attempt.Answers.FailureIn(root) is { } reported)
            {
                return ReportedFailures.Outcome(reported, status, attempt);
            }

            usage = root.TryGetProperty("usage", out var usageElement) ? TokenUsage.From(usageElement) : null;
            // Only a Responses client continues an answer by its id (a converted one gets the gateway's own).
            responseId = attempt.Request.Inbound == ApiProtocol.Responses && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }

        if (attempt.Converter is { } converter)
        {
            try
            {
                bytes = converter.ConvertResponse(JsonNode.Parse(bytes)!.AsObject()).CompactUtf8();
            }
            catch (Exception ex) when (AttemptErrors.IsConversionFailure(ex))
            {
                // Nothing has reached the client: another account may give an answer the gateway can convert.
                return AttemptOutcome.Broken(AttemptError.ConversionFailed, status, committed: false);
            }
        }
        else if (attempt.ModelName?.Rename(bytes) is { } renamed)
        {
            bytes = renamed;
        }

        attempt.Committed();
        var delivered = new AttemptOutcome { Failure = FailureClass.None, Status = status, Committed = true, Usage = usage, ResponseId = responseId };
        var http = attempt.Http;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        attempt.Clock.MarkFirstByte();
        try
        {
            attempt.Idle.Restart();
            await attempt.ClientBody.WriteAsync(bytes, attempt.Idle.Token);
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            return delivered with { Error = attempt.Idle.ClientFailure(ex) };
        }

        return delivered;
    }
}
