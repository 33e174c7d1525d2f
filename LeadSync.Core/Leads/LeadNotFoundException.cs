namespace LeadSync.Core.Leads;

/// <summary>The lead does not exist (or was deleted meanwhile).</summary>
public sealed class LeadNotFoundException(Guid id) : Exception($"Lead {id} was not found.")
{
    public Guid LeadId { get; } = id;
}
