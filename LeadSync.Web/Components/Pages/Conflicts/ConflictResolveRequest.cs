using LeadSync.Core.Conflicts;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Web.Components.Pages.Conflicts;

/// <summary>What an admin chose for one lead: a side per field, or one policy for all its fields.</summary>
public sealed record ConflictResolveRequest(Guid LeadId, string LeadName, IReadOnlyDictionary<string, ConflictSide>? Choices, ConflictPolicy? Policy);
