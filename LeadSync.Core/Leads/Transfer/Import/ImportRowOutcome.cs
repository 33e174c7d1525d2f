namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The decision for one row of a batch: create a lead with <see cref="Fields"/>, update lead <see cref="LeadId"/>, skip
/// it, or refuse it for <see cref="Reason"/>. Decided before anything is written, so a batch is written in one go.
/// </summary>
public sealed record ImportRowOutcome(ImportRow Row, ImportRowAction Action, LeadFields? Fields = null, Guid? LeadId = null, string? Reason = null)
{
    public static ImportRowOutcome Refuse(ImportRow row, string reason) => new(row, ImportRowAction.Refuse, Reason: reason);
}
