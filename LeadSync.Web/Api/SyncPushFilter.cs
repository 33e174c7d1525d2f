namespace LeadSync.Web.Api;

/// <summary>Which leads an "all matching" push covers: quick search, sync states and statuses.</summary>
public sealed record SyncPushFilter(string? Search, IReadOnlyList<string>? SyncStates, IReadOnlyList<string>? Statuses);
