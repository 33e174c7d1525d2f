using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>The call pipeline: the concurrency limit, retries with backoff, one token refresh on INVALID_TOKEN, and the report of every call.</summary>
internal sealed partial class ZohoClient
{
    /// <summary>The call pipeline: retries around attempts; each attempt resolves settings and token, then sends.</summary>
    private async Task<T> ExecuteAsync<T>(ZohoApiRequest call, Func<ZohoResponse, T> parse, Func<T, int> countRecords, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = new AttemptState { Attempt = attempt };
            try
            {
                return await AttemptInSpanAsync(call, parse, countRecords, state, cancellationToken);
            }
            catch (ZohoApiException ex) when (ex.IsTransient && attempt < options.CurrentValue.MaxAttempts && MayRetry(call, ex, state))
            {
                var o = options.CurrentValue;
                var delay = ZohoBackoff.Delay(attempt, o.RetryBaseDelay, o.RetryMaxDelay);
                ZohoLog.Retrying(logger, call.Method.Method, call.Path, ex.Code, attempt, o.MaxAttempts, (long)delay.TotalMilliseconds);
                reporter.Retrying(ex.Code, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Calls safe to repeat (reads, deletes, conditional updates) retry every transient failure. A write whose repeat could
    /// duplicate a record (insert) or overwrite an edit a Zoho user made after it was applied (upsert, unconditional
    /// update) retries only when Zoho certainly did not apply it: a 429, or a failure before the request was sent (token
    /// call). Never after a 5xx, timeout or lost response: the outbox tries it again later, after looking at what Zoho
    /// holds (<c>LostCreateRecovery</c>, <c>UpdatePlan</c>).
    /// </summary>
    private static bool MayRetry(ZohoApiRequest call, ZohoApiException ex, AttemptState state) =>
        call.Idempotent || !state.RequestSent || ex.HttpStatus == System.Net.HttpStatusCode.TooManyRequests;

    /// <summary>One attempt as a span of its own (<see cref="ZohoCallSpan"/>), ended before any retry delay.</summary>
    private async Task<T> AttemptInSpanAsync<T>(ZohoApiRequest call, Func<ZohoResponse, T> parse, Func<T, int> countRecords, AttemptState state, CancellationToken cancellationToken)
    {
        using var span = ZohoCallSpan.Start(call, state.Attempt);
        try
        {
            return await AttemptAsync(call, parse, countRecords, state, cancellationToken);
        }
        catch (Exception ex) when (ZohoCallSpan.Failed(span, ex))
        {
            throw; // never reached: the filter only marks the span
        }
    }

    private async Task<T> AttemptAsync<T>(ZohoApiRequest call, Func<ZohoResponse, T> parse, Func<T, int> countRecords, AttemptState state, CancellationToken cancellationToken)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var target = new CallTarget(call, settings, await tokens.GetAsync(settings, null, cancellationToken));
        var response = await SendAsync(target, state, cancellationToken);
        if (ZohoErrors.IsInvalidToken(response))
        {
            // §1.4, §3: the token was revoked or displaced; one refresh, one retry.
            Report(target, response, 0, ZohoErrors.InvalidToken);
            response.Dispose();
            ZohoLog.InvalidTokenRetry(logger);
            target = target with { Token = await tokens.GetAsync(settings, target.Token, cancellationToken) };
            response = await SendAsync(target, state, cancellationToken);
        }

        using var read = response; // what parse returns holds no part of the answer's JSON

        if (ZohoErrors.RequestError(response, call.RecordLevel) is { } error)
        {
            Report(target, response, 0, error.Code);
            throw error;
        }

        T result;
        try
        {
            result = parse(response);
        }
        catch (FormatException ex)
        {
            Report(target, response, 0, "INVALID_RESPONSE");
            throw new ZohoApiException(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", $"Zoho sent a value LeadSync cannot read: {ex.Message}"), (System.Net.HttpStatusCode)response.HttpStatus, ex);
        }
        catch (ZohoApiException ex)
        {
            Report(target, response, 0, ex.Code);
            throw;
        }

        Report(target, response, call.RecordLevel ? call.RecordsSent : countRecords(result), null);
        return result;
    }

    private async Task<ZohoResponse> SendAsync(CallTarget target, AttemptState state, CancellationToken cancellationToken)
    {
        var (call, _, token) = target;
        var url = target.Url;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Zoho-oauthtoken " + token.Token };
        if (call.IfModifiedSince is { } since)
        {
            headers["If-Modified-Since"] = ZohoDateTime.Format(since);
        }

        if (call.IfUnmodifiedSince is { } unmodified)
        {
            headers["If-Unmodified-Since"] = ZohoDateTime.Format(unmodified);
        }

        foreach (var (name, value) in call.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var timeout = call.DownloadTo is null ? options.CurrentValue.RequestTimeout : DownloadTimeout;
        await limiter.WaitAsync(cancellationToken);
        IAsyncDisposable? slot = null;
        try
        {
            slot = await callGate.EnterAsync(timeout, cancellationToken); // the deployment's share of the org's limit (§4.3)
            state.RequestSent = true;
            var request = new ZohoHttpRequest(
                call.Method,
                url,
                () => call.Content?.Invoke() ?? (call.JsonBody is null ? null : new StringContent(call.JsonBody, System.Text.Encoding.UTF8, "application/json")),
                headers,
                timeout) { BinaryAnswer = call.BinaryAnswer };
            return call.DownloadTo is null
                ? await transport.SendAsync(request, cancellationToken)
                : await transport.DownloadAsync(request, call.DownloadTo, cancellationToken);
        }
        catch (ZohoTransportException ex)
        {
            var record = new ZohoCallRecord(call.Method.Method, PathOf(url), null, call.RecordsSent, 0, ex.Duration, ex.Code, null);
            ZohoCallSpan.Record(record);
            reporter.Report(record);
            throw ex.ToApiException();
        }
        finally
        {
            if (slot is not null)
            {
                await slot.DisposeAsync();
            }

            limiter.Release();
        }
    }

    private void Report(CallTarget target, ZohoResponse response, int records, string? errorCode)
    {
        var record = new ZohoCallRecord(
            target.Call.Method.Method,
            PathOf(target.Url),
            response.HttpStatus,
            records,
            response.HttpStatus is >= 200 and < 500 and not 401 and not 429 ? target.Call.Credits : 0,
            response.Duration,
            errorCode,
            response.CreditsRemaining);
        ZohoCallSpan.Record(record);
        reporter.Report(record);
    }

    /// <summary>The path only: no query string (ids, page tokens), no host.</summary>
    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    /// <summary>One call with the settings and token it is sent with (the token changes after an INVALID_TOKEN refresh).</summary>
    private sealed record CallTarget(ZohoApiRequest Call, ZohoConnectionSettings Settings, ZohoAccessToken Token)
    {
        public string Url => Call.Url(Settings.ApiBase(Token.ApiDomain), Settings.FileBase, Settings.ApiVersion);
    }

    private sealed class AttemptState
    {
        public int Attempt { get; init; }

        public bool RequestSent { get; set; }
    }
}
