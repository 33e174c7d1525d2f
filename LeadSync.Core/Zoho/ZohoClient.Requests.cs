using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>Building requests (argument checks, write bodies, credits) and reading Zoho's answers (pages, deleted records, watch results).</summary>
internal sealed partial class ZohoClient
{
    private static int WriteCredits(int records) => (records + 9) / 10;

    /// <summary>Checks a list request (§2.2) and returns the fields it asks for.</summary>
    private static IReadOnlyList<string> CheckList(ZohoListRequest request)
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

        return fields;
    }

    /// <summary>One page of a list request: <paramref name="page"/> is <c>page</c> or, past the first pages, <c>page_token</c>.</summary>
    private static ZohoApiRequest ListCall(ZohoListRequest request, IReadOnlyList<string> fields, KeyValuePair<string, string> page)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("fields", ZohoJson.Join(fields)),
            new("per_page", ZohoJson.Invariant(request.PerPage)),
            new("sort_by", request.SortBy),
            new("sort_order", request.Ascending ? "asc" : "desc"),
            page,
        };
        return new ZohoApiRequest(HttpMethod.Get, "Leads", query, null, Idempotent: true, Credits: 1, IfModifiedSince: request.ModifiedSince);
    }

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

    /// <summary>A record write's body as UTF-8 JSON (<see cref="ZohoWriteBody"/>); <c>"trigger": []</c> unless workflows should run.</summary>
    private ReadOnlyMemory<byte> WriteBody(IReadOnlyList<ZohoLead> leads, bool withId, IReadOnlyList<string>? duplicateCheckFields = null) =>
        ZohoWriteBody.Write(leads, withId, duplicateCheckFields, options.CurrentValue.WorkflowTrigger);

    /// <summary>A write's content, built afresh from the same bytes for each attempt.</summary>
    private static Func<HttpContent> Content(ReadOnlyMemory<byte> body) => () => ZohoWriteBody.Content(body);

    private Task<IReadOnlyList<ZohoWriteResult>> WriteAsync(ZohoApiRequest call, int expected, IReadOnlyList<string?>? ids, CancellationToken cancellationToken) =>
        ExecuteAsync(call, r => ZohoJson.WriteResults(r, expected, ids), _ => call.RecordsSent, cancellationToken);

    private static ZohoLeadPage ParsePage(ZohoResponse response)
    {
        if (response.IsEmpty)
        {
            return new ZohoLeadPage([], false, null) { ServerTime = response.ServerDate }; // §2.2, §7.7: 204 and 304 have no body.
        }

        var root = ZohoJson.Root(response);
        var records = ZohoJson.Array(root, "data").Select(ZohoJson.Lead).ToList();
        var info = root.TryGetProperty("info", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        return new ZohoLeadPage(records, ZohoJson.Bool(info, "more_records"), ZohoJson.String(info, "next_page_token"))
        {
            ServerTime = response.ServerDate,
        };
    }

    private static DeletedPage? ParseDeleted(ZohoResponse response)
    {
        if (response.IsEmpty)
        {
            return null;
        }

        var root = ZohoJson.Root(response);
        var records = ZohoJson.Array(root, "data")
            .Select(r => new ZohoDeletedRecord(ZohoJson.Id(r, "id") ?? "", ZohoJson.String(r, "type") ?? "", ZohoJson.Time(r, "deleted_time"), ZohoJson.String(r, "display_name")))
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
            throw new ZohoApiException(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", "Zoho's watch answer has no watch[] item"), (System.Net.HttpStatusCode)response.HttpStatus);
        }

        if (ZohoJson.String(item, "status") == "error")
        {
            throw ZohoErrors.Create(ZohoErrors.ParseError(item), response.HttpStatus is >= 200 and < 300 ? 400 : response.HttpStatus);
        }

        var details = item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var channel = ZohoJson.Array(details, "events").FirstOrDefault(e => ZohoJson.Id(e, "channel_id") == channelId);
        if (channel.ValueKind != JsonValueKind.Object)
        {
            channel = ZohoJson.Array(details, "events").FirstOrDefault();
        }

        return new ZohoWatchResult(ZohoJson.Id(channel, "channel_id") ?? channelId, ZohoJson.Time(channel, "channel_expiry"));
    }

    private sealed record DeletedPage(IReadOnlyList<ZohoDeletedRecord> Records, bool MoreRecords);
}
