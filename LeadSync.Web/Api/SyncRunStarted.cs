namespace LeadSync.Web.Api;

/// <summary>A run was started; follow it in <c>GET /api/sync/runs</c> (a push: <c>GET /api/sync/push/{runId}</c>).</summary>
public sealed record SyncRunStarted(Guid RunId);
