using System.Text.Json;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Which lead field each CSV column fills (null: ignored), by column position. Valid only with Email and Last name mapped
/// and no field mapped twice (<see cref="Errors"/>); a cell an export guarded against formulas is read back unguarded.
/// </summary>
public sealed record ImportMapping(IReadOnlyList<LeadImportField?> Columns)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What keeps this mapping from running on a file of <paramref name="columnCount"/> columns; empty when none.</summary>
    public IReadOnlyList<string> Errors(int columnCount)
    {
        var errors = new List<string>();
        if (Columns.Count != columnCount)
        {
            errors.Add($"The mapping has {Columns.Count} columns but the file has {columnCount}.");
        }

        foreach (var field in new[] { LeadImportField.Email, LeadImportField.LastName })
        {
            if (!IsMapped(field))
            {
                errors.Add($"Map a column to {Label(field)}: every lead needs one.");
            }
        }

        errors.AddRange(Columns.Where(c => c is not null).GroupBy(c => c!.Value).Where(g => g.Count() > 1)
            .Select(g => $"{Label(g.Key)} is mapped to {g.Count()} columns: map it to one only."));
        return errors;
    }

    /// <summary>Throws <see cref="ImportMappingException"/> unless the mapping can run on a file of this many columns.</summary>
    public void EnsureValid(int columnCount)
    {
        var errors = Errors(columnCount);
        if (errors.Count > 0)
        {
            throw new ImportMappingException(errors);
        }
    }

    public bool IsMapped(LeadImportField field) => Columns.Contains(field);

    /// <summary>A new lead's values from a row (fields not mapped are empty), normalised.</summary>
    public LeadFields ToFields(IReadOnlyList<string> values) => Over(new LeadFields(null, string.Empty, string.Empty, null, null, null), values);

    /// <summary><paramref name="current"/> with the mapped columns of the row put over it (an update keeps what is not mapped).</summary>
    public LeadFields Over(LeadFields current, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        var fields = current;
        for (var i = 0; i < Columns.Count && i < values.Count; i++)
        {
            if (Columns[i] is { } field)
            {
                fields = fields.With(field.ToString(), CsvFormulaGuard.Unescape(values[i]));
            }
        }

        return fields.Normalize();
    }

    /// <summary>The mapping as stored with a job.</summary>
    public string ToJson() => JsonSerializer.Serialize(Columns.Select(c => c?.ToString()).ToArray(), Json);

    public static ImportMapping FromJson(string json)
    {
        var names = JsonSerializer.Deserialize<string?[]>(json, Json) ?? [];
        return new ImportMapping([.. names.Select(n => n is null ? (LeadImportField?)null : Enum.Parse<LeadImportField>(n))]);
    }

    /// <summary>The field as a person reads it (the export's header name).</summary>
    public static string Label(LeadImportField field) => LeadCsvColumns.Fields[(int)field];
}
