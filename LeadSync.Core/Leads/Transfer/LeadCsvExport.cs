using System.Globalization;
using CsvHelper;
using LeadSync.Core.Data;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer;

/// <summary>
/// Writes leads as CSV (RFC 4180, CsvHelper), streamed from one database query: rows go out as they are read, so a
/// million leads never sit in memory. Cells are guarded against spreadsheet formulas (<see cref="CsvFormulaGuard"/>).
/// Mapped extra fields follow the six lead fields, headed by their Zoho API names, as an editor shows them
/// (<see cref="FieldValueCodec.ToText"/>: numbers with a dot, true/false, a multi-select's values joined by "; ").
/// </summary>
public sealed class LeadCsvExport(IDbContextFactory<LeadSyncDbContext> contexts, IMappedFields? mappedFields = null)
{
    /// <summary>
    /// Rows between flushes: few enough (64 × at most ~1,000 characters) that a writer with a 128 K character buffer never
    /// has to write through synchronously (an HTTP response body allows only asynchronous writes).
    /// </summary>
    public const int FlushEvery = 64;

    /// <summary>The character buffer a writer handed to <see cref="WriteAsync"/> should have (see <see cref="FlushEvery"/>).</summary>
    public const int WriterBufferSize = 128 * 1024;

    /// <summary>Writes the header and every lead the request selects; returns how many leads were written.</summary>
    public async Task<int> WriteAsync(LeadExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var selected = request.Ids is { } ids
            ? db.Leads.Where(l => ids.Contains(l.Id))
            : LeadQueries.Filter(db, request.Filter);
        var rows = LeadQueries.Sort(db, selected, request.SortBy, request.SortByField, request.Descending).Select(LeadQueries.ListItem);

        var extra = mappedFields is null ? [] : (await mappedFields.GetAsync(cancellationToken)).Select(m => m.ApiName).ToList();
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, true);
        WriteHeader(csv, request.SyncColumns, extra);
        var count = 0;
        await foreach (var lead in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            WriteRow(csv, lead, request.SyncColumns, extra);
            if (++count % FlushEvery == 0)
            {
                await csv.FlushAsync(cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteHeader(CsvWriter csv, bool syncColumns, List<string> extra)
    {
        foreach (var name in LeadCsvColumns.Fields.Concat(extra).Concat(syncColumns ? LeadCsvColumns.Sync : []))
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
    }

    private static void WriteRow(CsvWriter csv, LeadListItem lead, bool syncColumns, List<string> extra)
    {
        csv.WriteField(CsvFormulaGuard.Escape(lead.FirstName));
        csv.WriteField(CsvFormulaGuard.Escape(lead.LastName));
        csv.WriteField(CsvFormulaGuard.Escape(lead.Email));
        csv.WriteField(CsvFormulaGuard.Escape(lead.Phone, isPhone: true));
        csv.WriteField(CsvFormulaGuard.Escape(lead.Status));
        csv.WriteField(CsvFormulaGuard.Escape(lead.Company));
        foreach (var name in extra)
        {
            csv.WriteField(CsvFormulaGuard.Escape(FieldValueCodec.ToText(lead.ExtraFields.Get(name))));
        }

        if (syncColumns)
        {
            csv.WriteField(lead.Id.ToString());
            csv.WriteField(lead.SyncState.ToString());
            csv.WriteField(lead.ZohoId ?? string.Empty);
            csv.WriteField(Time(lead.LastSyncedAt));
            csv.WriteField(Time(lead.UpdatedAt));
            csv.WriteField(lead.LastErrorCode is null ? string.Empty : CsvFormulaGuard.Escape($"{lead.LastErrorCode}: {lead.LastErrorMessage}"));
        }

        csv.EndRecord();
    }

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
