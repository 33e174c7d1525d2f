namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// A lead (local) or record (Zoho) deleted by a person, with the writes whose values it held then: the delete saw
/// those (and what they saw), and overrides only them (<see cref="ModelLog.Saw"/>).
/// </summary>
internal sealed record ModelDelete(int Step, ModelSide Side, string Entity, IReadOnlyList<ModelWrite> Held);
