namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Core's verdict on one row before the database is asked: its values (mapped, unguarded, normalised), the field rules
/// it breaks (<see cref="LeadValidator"/>, the same as for the console and the API) and the earlier row of the file
/// that already has its email. Used by the preview and the runner, so both say the same of a row.
/// </summary>
public sealed record ImportRowCheck(LeadFields Fields, IReadOnlyList<ValidationFailure> Failures, int? DuplicateOf)
{
    public bool IsValid => Failures.Count == 0 && DuplicateOf is null;

    /// <summary>The sentence a refused row carries, or null when the row passes.</summary>
    public string? Problem => Failures.Count > 0
        ? string.Join(" ", Failures.Select(f => f.Message))
        : DuplicateOf is { } earlier ? $"Duplicate email {Fields.Email}: row {earlier} of this file has it already." : null;

    /// <summary>Checks a row; a valid row claims its email in <paramref name="seen"/>.</summary>
    public static ImportRowCheck Of(ImportRow row, ImportMapping mapping, ImportDuplicates seen)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(seen);
        var fields = mapping.ToFields(row.Values);
        var failures = LeadValidator.Validate(fields);
        var duplicateOf = failures.Count == 0 ? seen.Claim(fields.Email, row.RowNumber) : null;
        return new ImportRowCheck(fields, failures, duplicateOf);
    }
}
