namespace LeadSync.Web.Api;

/// <summary>
/// The body of <c>POST /api/sync/push</c>: either <c>{"leadIds":[…]}</c> or <c>{"all":true,"filter":{…}}</c>
/// (the filter as in <c>GET /api/leads</c>; omitted means every lead).
/// </summary>
public sealed record SyncPushRequest(IReadOnlyList<Guid>? LeadIds, bool All = false, SyncPushFilter? Filter = null);
