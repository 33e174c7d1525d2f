using LeadSync.Core.Monitoring;

namespace LeadSync.Web.Api;

/// <summary>
/// One sync run as the API lists it; <see cref="Outcome"/> is Running, Succeeded, PartlyFailed, Failed or Interrupted;
/// <see cref="TraceId"/> is the run's trace in a tracing backend (null when tracing was off); <see cref="Note"/> is what
/// the run wants a person to know besides its counts and error (e.g. why a Bulk Read was not resumed).
/// </summary>
public sealed record SyncRunResponse(
    Guid Id, string Kind, string Trigger, string InstanceId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Created, int Updated, int Deleted, int Unchanged, int Conflicts, int Failed, int ApiCalls, int Credits, string? Error,
    string Outcome, bool Interrupted, string? TraceId, string? Note = null)
{
    public static SyncRunResponse From(SyncRunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Kind.ToString(), run.Trigger.ToString(), run.InstanceId, run.StartedAt, run.FinishedAt,
            run.Created, run.Updated, run.Deleted, run.Unchanged, run.Conflicts, run.Failed, run.ApiCalls, run.Credits, run.Error,
            run.Outcome.ToString(), run.Interrupted, run.TraceId, run.Note);
    }
}
