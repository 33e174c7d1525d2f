using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The production <see cref="IZohoClient"/> (reference §1–§5) on Flurl.Http: connection settings read per call, at most
/// <see cref="ZohoOptions.MaxConcurrency"/> calls in flight, transient failures retried with jittered backoff (never an
/// insert whose request may have been applied), INVALID_TOKEN answered by one refresh and one retry, every call reported
/// to the <see cref="IZohoCallObserver"/>s.
/// </summary>
internal sealed class ZohoClient(
    ZohoTransport transport,
    ZohoTokenProvider tokens,
    IZohoConnectionSettingsProvider settingsProvider,
    ZohoCallReporter reporter,
    IOptionsMonitor<ZohoOptions> options,
    TimeProvider time,
    ILogger<ZohoClient> logger) : IZohoClient, IDisposable
{
    public const int MaxRecordsPerWrite = 100;
    public const int MaxFields = 50;

    private readonly SemaphoreSlim limiter = new(options.CurrentValue.MaxConcurrency, options.CurrentValue.MaxConcurrency);

    public async IAsyncEnumerable<ZohoLeadPage> ListLeadsAsync(ZohoListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = request.Fields ?? ZohoLead.ApiFields;
        if (fields.Count is 0 or > MaxFields)
        {
            throw new ArgumentException($"Fields must name 1 to {MaxFields} fields (§2.2); {fields.Count} given.", nameof(request));
        }

        if (request.PerPage is < 1 or > 200)
        {
            throw new ArgumentException($"PerPage must be 1 to 200 (§2.2); {request.PerPage} given.", nameof(request));
        }

        if (request.SortBy is not ("id" or "Created_Time" or "Modified_Time"))
        {
            throw new ArgumentException($"SortBy must be id, Created_Time or Modified_Time (§2.2); '{request.SortBy}' given.", nameof(request));
        }

        string? pageToken = null;
        var page = 1;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("fields", ZohoJson.Join(fields)),
                new("per_page", ZohoJson.Invariant(request.PerPage)),
                new("sort_by", request.SortBy),
                new("sort_order", request.Ascending ? "asc" : "desc"),
            };
            query.Add(pageToken is null ? new("page", ZohoJson.Invariant(page)) : new("page_token", pageToken));
            var call = new ZohoApiRequest(HttpMethod.Get, "Leads", query, null, Idempotent: true, Credits: 1, IfModifiedSince: request.ModifiedSince);
            var result = await ExecuteAsync(call, ParsePage, p => p?.Records.Count ?? 0, cancellationToken);
            if (result is null)
            {
                yield break;
            }

            yield return result;
            if (!result.MoreRecords)
            {
                yield break;
            }

            // §2.2: follow next_page_token when Zoho gives one (required past 2,000 records), else the next discrete page.
            pageToken = result.NextPageToken;
            page++;
        }
    }

    public async Task<IReadOnlyList<ZohoLead>> GetLeadsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var list = CheckIds(ids, nameof(ids));
        if (list.Count == 0)
        {
            return [];
        }

        var query = new List<KeyValuePair<string, string>> { new("ids", ZohoJson.Join(list)), new("fields", ZohoJson.Join(ZohoLead.ApiFields)) };
        var call = new ZohoApiRequest(HttpMethod.Get, "Leads", query, null, Idempotent: true, Credits: 1);
        var page = await ExecuteAsync(call, ParsePage, p => p?.Records.Count ?? 0, cancellationToken);
        return page?.Records ?? [];
    }

    public Task<IReadOnlyList<ZohoWriteResult>> InsertLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default)
    {
        CheckWrite(leads, nameof(leads), needsId: false);
        var body = WriteBody(leads, withId: false);
        // Not idempotent: after an ambiguous failure the records may exist (§7.5). Only a 429 is retried.
        return WriteAsync(new ZohoApiRequest(HttpMethod.Post, "Leads", [], body, Idempotent: false, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true), leads.Count, null, cancellationToken);
    }

    public Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default) =>
        UpdateLeadsAsync(leads, null, cancellationToken);

    public Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(
        IReadOnlyList<ZohoLead> leads, DateTimeOffset? ifUnmodifiedSince, CancellationToken cancellationToken = default)
    {
        CheckWrite(leads, nameof(leads), needsId: true);
        var body = WriteBody(leads, withId: true);
        var call = new ZohoApiRequest(
            HttpMethod.Put, "Leads", [], body, Idempotent: true, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true, IfUnmodifiedSince: ifUnmodifiedSince);
        return WriteAsync(call, leads.Count, leads.Select(l => l.Id).ToList(), cancellationToken);
    }

    public Task<IReadOnlyList<ZohoWriteResult>> UpsertLeadsAsync(
        IReadOnlyList<ZohoLead> leads, IReadOnlyList<string> duplicateCheckFields, CancellationToken cancellationToken = default)
    {
        CheckWrite(leads, nameof(leads), needsId: false);
        ArgumentNullException.ThrowIfNull(duplicateCheckFields);
        if (duplicateCheckFields.Count == 0 || duplicateCheckFields.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("duplicateCheckFields must name at least one field API name (e.g. Email) (§2.6).", nameof(duplicateCheckFields));
        }

        var body = WriteBody(leads, withId: false, duplicateCheckFields);
        return WriteAsync(new ZohoApiRequest(HttpMethod.Post, "Leads/upsert", [], body, Idempotent: true, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true), leads.Count, null, cancellationToken);
    }

    public async Task<IReadOnlyList<ZohoWriteResult>> DeleteLeadsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var list = CheckIds(ids, nameof(ids));
        if (list.Count == 0)
        {
            return [];
        }

        var query = new List<KeyValuePair<string, string>> { new("ids", ZohoJson.Join(list)) };
        if (!options.CurrentValue.WorkflowTrigger)
        {
            query.Add(new("wf_trigger", "false"));
        }

        var call = new ZohoApiRequest(HttpMethod.Delete, "Leads", query, null, Idempotent: true, Credits: 1, list.Count, RecordLevel: true);
        return await WriteAsync(call, list.Count, list, cancellationToken);
    }

    public async IAsyncEnumerable<IReadOnlyList<ZohoDeletedRecord>> ListDeletedLeadsAsync(
        DateTimeOffset? deletedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 1; ; page++)
        {
            var query = new List<KeyValuePair<string, string>> { new("type", "all"), new("per_page", "200"), new("page", ZohoJson.Invariant(page)) };
            var call = new ZohoApiRequest(HttpMethod.Get, "Leads/deleted", query, null, Idempotent: true, Credits: 2, IfModifiedSince: deletedSince);
            var result = await ExecuteAsync(call, ParseDeleted, r => r?.Records.Count ?? 0, cancellationToken);
            if (result is null)
            {
                yield break;
            }

            yield return result.Records;
            if (!result.MoreRecords || result.Records.Count == 0)
            {
                yield break;
            }
        }
    }

    public async Task<ZohoWatchResult> EnableWatchAsync(ZohoWatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ChannelId) || request.Events.Count == 0 || string.IsNullOrWhiteSpace(request.NotifyUrl))
        {
            throw new ArgumentException("A watch needs ChannelId, at least one event and NotifyUrl (§5).", nameof(request));
        }

        if (request.Token.Length > 50)
        {
            throw new ArgumentException("Token must be at most 50 characters (§5).", nameof(request));
        }

        var channel = new JsonObject
        {
            ["channel_id"] = request.ChannelId,
            ["events"] = new JsonArray(request.Events.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
            ["notify_url"] = request.NotifyUrl,
            ["token"] = request.Token,
            ["channel_expiry"] = ZohoDateTime.Format(request.ChannelExpiry),
            ["notify_on_related_action"] = false,
        };
        var body = ZohoJson.Serialize(new JsonObject { ["watch"] = new JsonArray(channel) });
        return await ExecuteAsync(new ZohoApiRequest(HttpMethod.Post, "actions/watch", [], body, Idempotent: true, Credits: 1), r => ParseWatch(r, request.ChannelId), _ => 0, cancellationToken);
    }

    public async Task<ZohoWatchResult> RenewWatchAsync(string channelId, DateTimeOffset channelExpiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var channel = new JsonObject { ["channel_id"] = channelId, ["channel_expiry"] = ZohoDateTime.Format(channelExpiry) };
        var body = ZohoJson.Serialize(new JsonObject { ["watch"] = new JsonArray(channel) });
        return await ExecuteAsync(new ZohoApiRequest(HttpMethod.Patch, "actions/watch", [], body, Idempotent: true, Credits: 1), r => ParseWatch(r, channelId), _ => 0, cancellationToken);
    }

    public async Task DisableWatchAsync(string channelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var query = new List<KeyValuePair<string, string>> { new("channel_ids", channelId) };
        await ExecuteAsync(new ZohoApiRequest(HttpMethod.Delete, "actions/watch", query, null, Idempotent: true, Credits: 1), r => ParseWatch(r, channelId), _ => 0, cancellationToken);
    }

    public async Task EnsureAuthorizedAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        await tokens.GetAsync(settings, null, cancellationToken);
    }

    public void Dispose() => limiter.Dispose();

    private static int WriteCredits(int records) => (records + 9) / 10;

    private static List<string> CheckIds(IReadOnlyCollection<string> ids, string name)
    {
        ArgumentNullException.ThrowIfNull(ids, name);
        if (ids.Count > MaxRecordsPerWrite)
        {
            throw new ArgumentException($"At most {MaxRecordsPerWrite} ids per call (§2.7); {ids.Count} given. Batch the call.", name);
        }

        if (ids.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Ids must not be empty.", name);
        }

        return ids.ToList();
    }

    private static void CheckWrite(IReadOnlyList<ZohoLead> leads, string name, bool needsId)
    {
        ArgumentNullException.ThrowIfNull(leads, name);
        if (leads.Count is 0 or > MaxRecordsPerWrite)
        {
            throw new ArgumentException($"A write takes 1 to {MaxRecordsPerWrite} records (§2.4); {leads.Count} given. Batch the call.", name);
        }

        if (needsId && leads.FirstOrDefault(l => string.IsNullOrWhiteSpace(l.Id)) is { } missing)
        {
            throw new ArgumentException($"Every lead of an update needs its Zoho Id (§2.5); record {leads.ToList().IndexOf(missing)} has none.", name);
        }

        if (!needsId && leads.FirstOrDefault(l => l.OnlyFields is not null) is { } partial)
        {
            throw new ArgumentException($"Only an update sends a subset of fields (§2.5); record {leads.ToList().IndexOf(partial)} of an insert or upsert names OnlyFields.", name);
        }
    }

    private string WriteBody(IReadOnlyList<ZohoLead> leads, bool withId, IReadOnlyList<string>? duplicateCheckFields = null)
    {
        var body = new JsonObject { ["data"] = new JsonArray(leads.Select(l => (JsonNode?)ZohoJson.LeadBody(l, withId)).ToArray()) };
        if (duplicateCheckFields is not null)
        {
            body["duplicate_check_fields"] = new JsonArray(duplicateCheckFields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }

        if (!options.CurrentValue.WorkflowTrigger)
        {
            // §2.4, §7.11: omitted means every workflow runs; [] runs none.
            body["trigger"] = new JsonArray();
        }

        return ZohoJson.Serialize(body);
    }

    private Task<IReadOnlyList<ZohoWriteResult>> WriteAsync(ZohoApiRequest call, int expected, IReadOnlyList<string?>? ids, CancellationToken cancellationToken) =>
        ExecuteAsync(call, r => ZohoJson.WriteResults(r, expected, ids), _ => call.RecordsSent, cancellationToken);

    private static ZohoLeadPage? ParsePage(ZohoResponse response)
    {
        if (response.IsEmpty)
        {
            return null; // §2.2, §7.7: 204 and 304 have no body.
        }

        var root = ZohoJson.Root(response);
        var records = ZohoJson.Array(root, "data").Select(ZohoJson.Lead).ToList();
        var info = root.TryGetProperty("info", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        return new ZohoLeadPage(records, ZohoJson.Bool(info, "more_records"), ZohoJson.String(info, "next_page_token"));
    }

    private static DeletedPage? ParseDeleted(ZohoResponse response)
    {
        if (response.IsEmpty)
        {
            return null;
        }

        var root = ZohoJson.Root(response);
        var records = ZohoJson.Array(root, "data")
            .Select(r => new ZohoDeletedRecord(ZohoJson.Id(r, "id") ?? "", ZohoJson.String(r, "type") ?? "", ZohoJson.Time(r, "deleted_time")))
            .Where(r => r.Id.Length > 0)
            .ToList();
        var info = root.TryGetProperty("info", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        return new DeletedPage(records, ZohoJson.Bool(info, "more_records"));
    }

    private static ZohoWatchResult ParseWatch(ZohoResponse response, string channelId)
    {
        var root = ZohoJson.Root(response);
        var item = ZohoJson.Array(root, "watch").FirstOrDefault();
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new ZohoApiException(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", "Zoho's watch answer has no watch[] item"), (System.Net.HttpStatusCode)response.Status);
        }

        if (ZohoJson.String(item, "status") == "error")
        {
            throw ZohoErrors.Create(ZohoErrors.ParseError(item), response.Status is >= 200 and < 300 ? 400 : response.Status);
        }

        var details = item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var channel = ZohoJson.Array(details, "events").FirstOrDefault(e => ZohoJson.Id(e, "channel_id") == channelId);
        if (channel.ValueKind != JsonValueKind.Object)
        {
            channel = ZohoJson.Array(details, "events").FirstOrDefault();
        }

        return new ZohoWatchResult(ZohoJson.Id(channel, "channel_id") ?? channelId, ZohoJson.Time(channel, "channel_expiry"));
    }

    /// <summary>The call pipeline: retries around attempts; each attempt resolves settings and token, then sends.</summary>
    private async Task<T> ExecuteAsync<T>(ZohoApiRequest call, Func<ZohoResponse, T> parse, Func<T, int> countRecords, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = new AttemptState();
            try
            {
                return await AttemptAsync(call, parse, countRecords, state, cancellationToken);
            }
            catch (ZohoApiException ex) when (ex.IsTransient && attempt < options.CurrentValue.MaxAttempts && MayRetry(call, ex, state))
            {
                var o = options.CurrentValue;
                var delay = ZohoBackoff.Delay(attempt, o.RetryBaseDelay, o.RetryMaxDelay);
                ZohoLog.Retrying(logger, call.Method.Method, call.Path, ex.Code, attempt, o.MaxAttempts, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Idempotent calls retry every transient failure. An insert retries only when Zoho certainly did not apply it: a 429,
    /// or a failure before the request was sent (token call). Never after a 5xx, timeout or lost response.
    /// </summary>
    private static bool MayRetry(ZohoApiRequest call, ZohoApiException ex, AttemptState state) =>
        call.Idempotent || !state.RequestSent || ex.Status == System.Net.HttpStatusCode.TooManyRequests;

    private async Task<T> AttemptAsync<T>(ZohoApiRequest call, Func<ZohoResponse, T> parse, Func<T, int> countRecords, AttemptState state, CancellationToken cancellationToken)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        var token = await tokens.GetAsync(settings, null, cancellationToken);
        var response = await SendAsync(call, settings, token, state, cancellationToken);
        if (ZohoErrors.IsInvalidToken(response))
        {
            // §1.4, §3: the token was revoked or displaced; one refresh, one retry.
            Report(call, settings, token, response, 0, ZohoErrors.InvalidToken);
            ZohoLog.InvalidTokenRetry(logger);
            token = await tokens.GetAsync(settings, token, cancellationToken);
            response = await SendAsync(call, settings, token, state, cancellationToken);
        }

        if (ZohoErrors.RequestError(response, call.RecordLevel) is { } error)
        {
            Report(call, settings, token, response, 0, error.Code);
            throw error;
        }

        T result;
        try
        {
            result = parse(response);
        }
        catch (FormatException ex)
        {
            Report(call, settings, token, response, 0, "INVALID_RESPONSE");
            throw new ZohoApiException(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", $"Zoho sent a value LeadSync cannot read: {ex.Message}"), (System.Net.HttpStatusCode)response.Status, ex);
        }
        catch (ZohoApiException ex)
        {
            Report(call, settings, token, response, 0, ex.Code);
            throw;
        }

        Report(call, settings, token, response, call.RecordLevel ? call.RecordsSent : countRecords(result), null);
        return result;
    }

    private async Task<ZohoResponse> SendAsync(ZohoApiRequest call, ZohoConnectionSettings settings, ZohoAccessToken token, AttemptState state, CancellationToken cancellationToken)
    {
        var url = call.Url(settings.ApiBase(token.ApiDomain), settings.ApiVersion);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Zoho-oauthtoken " + token.Token };
        if (call.IfModifiedSince is { } since)
        {
            headers["If-Modified-Since"] = ZohoDateTime.Format(since);
        }

        if (call.IfUnmodifiedSince is { } unmodified)
        {
            headers["If-Unmodified-Since"] = ZohoDateTime.Format(unmodified);
        }

        await limiter.WaitAsync(cancellationToken);
        try
        {
            state.RequestSent = true;
            return await transport.SendAsync(
                call.Method,
                url,
                () => call.JsonBody is null ? null : new StringContent(call.JsonBody, System.Text.Encoding.UTF8, "application/json"),
                headers,
                options.CurrentValue.RequestTimeout,
                cancellationToken);
        }
        catch (ZohoTransportException ex)
        {
            reporter.Report(new ZohoCallRecord(call.Method.Method, PathOf(url), null, call.RecordsSent, 0, ex.Duration, ex.Code, null));
            throw ex.ToApiException();
        }
        finally
        {
            limiter.Release();
        }
    }

    private void Report(ZohoApiRequest call, ZohoConnectionSettings settings, ZohoAccessToken token, ZohoResponse response, int records, string? errorCode) =>
        reporter.Report(new ZohoCallRecord(
            call.Method.Method,
            PathOf(call.Url(settings.ApiBase(token.ApiDomain), settings.ApiVersion)),
            response.Status,
            records,
            response.Status is >= 200 and < 500 and not 401 and not 429 ? call.Credits : 0,
            response.Duration,
            errorCode,
            response.CreditsRemaining));

    /// <summary>The path only: no query string (ids, page tokens), no host.</summary>
    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    private sealed class AttemptState
    {
        public bool RequestSent { get; set; }
    }

    private sealed record DeletedPage(IReadOnlyList<ZohoDeletedRecord> Records, bool MoreRecords);
}
