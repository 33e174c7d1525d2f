namespace LeadSync.Core.Fields;

/// <summary>
/// The mapping before any is configured: only the six core fields sync. Registered as a fallback so the engine, the API
/// and the console always have an <see cref="IMappedFields"/>; the field-mapping store replaces it.
/// </summary>
public sealed class NoMappedFields : IMappedFields
{
    public ValueTask<IReadOnlyList<MappedField>> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyList<MappedField>>([]);
}
