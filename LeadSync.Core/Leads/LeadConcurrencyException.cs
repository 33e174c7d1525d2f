namespace LeadSync.Core.Leads;

/// <summary>Someone else (a person or a pull) changed the lead after it was read; reload and try again.</summary>
public sealed class LeadConcurrencyException(Guid id)
    : Exception("This lead was changed by someone else (or by a sync) since you opened it. Reload it and apply your change again.")
{
    public Guid LeadId { get; } = id;
}
