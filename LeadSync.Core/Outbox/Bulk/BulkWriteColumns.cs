using System.Globalization;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// The columns of one Bulk Write file (docs/zoho §6.2, §6.5): the six core fields, then every mapped extra field that a
/// push sends — decided by <see cref="ExtraFieldSet.Pushes"/>, the record path's rule, never a copy of it — in the
/// admin's order. Also how an extra value is written in a cell, so the CSV says what the record API's JSON would.
/// </summary>
public sealed class BulkWriteColumns
{
    /// <summary>The core columns, Email first (the <c>find_by</c> field, and one of the columns Zoho echoes in its result).</summary>
    public static IReadOnlyList<string> Core { get; } = ["Email", "Last_Name", "First_Name", "Company", "Phone", "Lead_Status"];

    /// <summary>Zoho reads a date cell as <c>MM/dd/yyyy</c> unless the mapping names a format: ours is the canonical one.</summary>
    public const string DateFormat = FieldValueCodec.DatePattern;

    /// <summary>A multi-select's values in one cell, as Zoho's import joins them.</summary>
    public const char ListSeparator = ';';

    private BulkWriteColumns(ExtraFieldSet extras, IReadOnlyList<MappedField> pushed)
    {
        Extras = extras;
        Pushed = pushed;
        Names = [.. Core, .. pushed.Select(p => p.ApiName)];
    }

    /// <summary>Only the core six (no extra field pushes).</summary>
    public static BulkWriteColumns CoreOnly { get; } = For(ExtraFieldSet.None);

    /// <summary>The columns for the mapped fields as <paramref name="extras"/> holds them (at most Zoho's 200 columns).</summary>
    public static BulkWriteColumns For(ExtraFieldSet extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        var pushed = extras.Mapped.Where(m => extras.Pushes(m.ApiName)).Take(ZohoBulkFile.MaxColumns - Core.Count).ToList();
        return new BulkWriteColumns(extras, pushed);
    }

    /// <summary>The rule set the row values are filtered by (<see cref="LeadMapper.ToZoho"/>).</summary>
    public ExtraFieldSet Extras { get; }

    /// <summary>The extra fields written after the core columns, in order.</summary>
    public IReadOnlyList<MappedField> Pushed { get; }

    /// <summary>Every column's API name, in order (the job's <c>field_mappings</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>format</c> of each column that needs one (date fields), by API name.</summary>
    public IReadOnlyDictionary<string, string> Formats => Pushed.Where(p => p.Definition.Type == ZohoFieldType.Date)
        .ToDictionary(p => p.ApiName, _ => DateFormat, StringComparer.Ordinal);

    /// <summary>
    /// A value as a cell: text as is (dates <c>yyyy-MM-dd</c>, date-times ISO 8601 with offset, as stored), numbers in the
    /// invariant culture without exponent or grouping, booleans <c>true</c>/<c>false</c>, a multi-select's values joined
    /// by <c>;</c>; no value is an empty cell, which clears the field (<c>ignore_empty: false</c>).
    /// </summary>
    public static string Cell(FieldValue? value) => value?.Kind switch
    {
        null => "",
        FieldValueKind.Number => value.AsNumber!.Value.ToString(CultureInfo.InvariantCulture),
        FieldValueKind.Boolean => value.AsBoolean!.Value ? "true" : "false",
        FieldValueKind.List => string.Join(ListSeparator, value.AsList),
        _ => value.AsText!,
    };
}
