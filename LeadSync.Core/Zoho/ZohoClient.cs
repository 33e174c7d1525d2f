using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The production <see cref="IZohoClient"/> (reference §1–§5) on Flurl.Http: connection settings read per call, at most
/// <see cref="ZohoOptions.MaxConcurrency"/> calls in flight in the whole deployment (<see cref="IZohoCallGate"/>), transient failures retried with jittered backoff (never a
/// write whose request may have been applied and whose repeat could overwrite an edit made since: insert, upsert and
/// unconditional update), INVALID_TOKEN answered by one refresh and one retry, every call reported
/// to the <see cref="IZohoCallObserver"/>s.
/// </summary>
internal sealed partial class ZohoClient(
    ZohoTransport transport,
    ZohoTokenProvider tokens,
    IZohoConnectionSettingsProvider settingsProvider,
    ZohoCallReporter reporter,
    IZohoCallGate callGate,
    IOptionsMonitor<ZohoOptions> options,
    TimeProvider time,
    ILogger<ZohoClient> logger,
    Fields.IMappedFields? mappedFields = null) : IZohoClient, IDisposable
{
    public const int MaxRecordsPerWrite = 100;
    public const int MaxFields = 50;

    private readonly SemaphoreSlim limiter = new(options.CurrentValue.MaxConcurrency, options.CurrentValue.MaxConcurrency);

    public async IAsyncEnumerable<ZohoLeadPage> ListLeadsAsync(ZohoListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = CheckList(request.Fields is null ? request with { Fields = await DefaultFieldsAsync(cancellationToken) } : request);
        string? pageToken = null;
        var page = 1;
        while (true)
        {
            var call = ListCall(request, fields, pageToken is null ? new("page", ZohoJson.Invariant(page)) : new("page_token", pageToken));
            var result = await ExecuteAsync(call, ParsePage, p => p.Records.Count, cancellationToken);
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

    /// <summary>What a read asks for when the caller names no fields: the core fields and the mapped extra fields that pull.</summary>
    private async ValueTask<IReadOnlyList<string>> DefaultFieldsAsync(CancellationToken cancellationToken) =>
        (await Sync.ExtraFieldSet.LoadAsync(mappedFields, cancellationToken)).ApiFields;

    public async Task<IReadOnlyList<ZohoLead>> GetLeadsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var list = CheckIds(ids, nameof(ids));
        if (list.Count == 0)
        {
            return [];
        }

        var query = new List<KeyValuePair<string, string>> { new("ids", ZohoJson.Join(list)), new("fields", ZohoJson.Join(await DefaultFieldsAsync(cancellationToken))) };
        var call = new ZohoApiRequest(HttpMethod.Get, "Leads", query, null, Idempotent: true, Credits: 1);
        var page = await ExecuteAsync(call, ParsePage, p => p?.Records.Count ?? 0, cancellationToken);
        return page?.Records ?? [];
    }

    public Task<IReadOnlyList<ZohoWriteResult>> InsertLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default)
    {
        CheckWrite(leads, nameof(leads), needsId: false);
        var body = WriteBody(leads, withId: false);
        // Not idempotent: after an ambiguous failure the records may exist (§7.5). Only a 429 is retried.
        var call = new ZohoApiRequest(HttpMethod.Post, "Leads", [], null, Idempotent: false, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true) { Content = Content(body) };
        return WriteAsync(call, leads.Count, null, cancellationToken);
    }

    public Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default) =>
        UpdateLeadsAsync(leads, null, cancellationToken);

    public Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(
        IReadOnlyList<ZohoLead> leads, DateTimeOffset? ifUnmodifiedSince, CancellationToken cancellationToken = default)
    {
        CheckWrite(leads, nameof(leads), needsId: true);
        var body = WriteBody(leads, withId: true);
        var call = new ZohoApiRequest(
            HttpMethod.Put, "Leads", [], null, Idempotent: ifUnmodifiedSince is not null, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true, IfUnmodifiedSince: ifUnmodifiedSince)
        {
            Content = Content(body),
        };
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
        var call = new ZohoApiRequest(HttpMethod.Post, "Leads/upsert", [], null, Idempotent: false, Credits: WriteCredits(leads.Count), leads.Count, RecordLevel: true) { Content = Content(body) };
        return WriteAsync(call, leads.Count, null, cancellationToken);
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

    public async Task<IReadOnlyList<LeadSync.Core.Fields.ZohoFieldDefinition>> GetLeadFieldsAsync(CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>> { new("module", "Leads") };
        var call = new ZohoApiRequest(HttpMethod.Get, "settings/fields", query, null, Idempotent: true, Credits: 1);
        return await ExecuteAsync(call, ZohoFieldMetadataJson.Parse, _ => 0, cancellationToken);
    }

    public async Task EnsureAuthorizedAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(cancellationToken);
        await tokens.GetAsync(settings, null, cancellationToken);
    }

    public void Dispose() => limiter.Dispose();
}
