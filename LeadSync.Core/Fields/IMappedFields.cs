namespace LeadSync.Core.Fields;

/// <summary>
/// The one source of which extra fields are mapped right now. The sync engine, the API, the grid and the lead dialog all
/// ask it, so a mapping change reaches every path at once.
/// </summary>
public interface IMappedFields
{
    /// <summary>The mapped extra fields, in the admin's display order; empty when only the core six are synced.</summary>
    ValueTask<IReadOnlyList<MappedField>> GetAsync(CancellationToken cancellationToken = default);
}
