using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The first rows of an uploaded file as the import would see them, for the person to check before starting: each cell's
/// field and Core's verdict on it (<see cref="LeadValidator"/>), and each row's problems (an email an earlier row of the
/// file has, an email a lead has already under the chosen policy). Nothing is written.
/// </summary>
public sealed class LeadImportPreview(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const int DefaultRows = 20;

    /// <summary>Reads the header and the first <paramref name="rows"/> rows; throws <see cref="ImportFileException"/> for a file it cannot read.</summary>
    public async Task<ImportPreview> PreviewAsync(byte[] content, ImportMapping mapping, ExistingEmailPolicy policy, int rows = DefaultRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var headers = ImportCsvReader.ReadHeader(content);
        var seen = new ImportDuplicates();
        var checks = ImportCsvReader.ReadRows(content).Take(Math.Max(rows, 0)).Select(r => (Row: r, Check: ImportRowCheck.Of(r, mapping, seen))).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await ExistingLeads.FindAsync(db, checks.Where(c => c.Check.IsValid).Select(c => c.Check.Fields.Email), cancellationToken);
        var previewRows = checks.Select(c => Row(c.Row, c.Check, mapping, existing.ContainsKey(Lead.NormalizeEmail(c.Check.Fields.Email)) && c.Check.IsValid, policy)).ToList();
        return new ImportPreview(headers, mapping, mapping.Errors(headers.Count), previewRows);
    }

    private static ImportPreviewRow Row(ImportRow row, ImportRowCheck check, ImportMapping mapping, bool exists, ExistingEmailPolicy policy)
    {
        var cells = row.Values.Select((value, i) => Cell(value, i < mapping.Columns.Count ? mapping.Columns[i] : null, check)).ToList();
        var problems = new List<string>();
        if (check.DuplicateOf is { } earlier)
        {
            problems.Add($"Duplicate email: row {earlier} of this file has it already; this row will be refused.");
        }

        if (exists)
        {
            problems.Add(policy switch
            {
                ExistingEmailPolicy.Update => "A lead has this email already: it will be updated.",
                ExistingEmailPolicy.Skip => "A lead has this email already: this row will be skipped.",
                _ => "A lead has this email already: this row will be refused.",
            });
        }

        return new ImportPreviewRow(row.RowNumber, cells, problems, Action(check.IsValid, exists, policy));
    }

    private static ImportRowAction Action(bool valid, bool exists, ExistingEmailPolicy policy) => (valid, exists, policy) switch
    {
        (false, _, _) => ImportRowAction.Refuse,
        (true, false, _) => ImportRowAction.Create,
        (true, true, ExistingEmailPolicy.Update) => ImportRowAction.Update,
        (true, true, ExistingEmailPolicy.Skip) => ImportRowAction.Skip,
        _ => ImportRowAction.Refuse,
    };

    private static ImportPreviewCell Cell(string value, LeadImportField? field, ImportRowCheck check) =>
        new(value, field, field is { } f ? [.. check.Failures.Where(x => x.Field == f.ToString())] : []);
}

/// <summary>A preview: the header, the mapping shown (and what is wrong with it), and the first rows.</summary>
public sealed record ImportPreview(IReadOnlyList<string> Headers, ImportMapping Mapping, IReadOnlyList<string> MappingErrors, IReadOnlyList<ImportPreviewRow> Rows);

/// <summary>One previewed row: its cells, the problems of the row as a whole, and what the import would do with it.</summary>
public sealed record ImportPreviewRow(int RowNumber, IReadOnlyList<ImportPreviewCell> Cells, IReadOnlyList<string> Problems, ImportRowAction Action);

/// <summary>One previewed cell: as uploaded, the field it fills (null: ignored) and the rules of that field it breaks.</summary>
public sealed record ImportPreviewCell(string Value, LeadImportField? Field, IReadOnlyList<ValidationFailure> Failures);
