namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// A column mapping an import cannot run with (no Email or Last name column, a field mapped twice, a column that is not in
/// the file): every problem is listed, so the person correcting the mapping sees them all at once.
/// </summary>
public sealed class ImportMappingException(IReadOnlyList<string> errors) : Exception(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
