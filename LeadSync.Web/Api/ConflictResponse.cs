using LeadSync.Core.Conflicts;

namespace LeadSync.Web.Api;

/// <summary>A field changed on both sides (<c>GET /api/conflicts</c>); <see cref="Resolution"/> is Pending, Local, Zoho or Superseded.</summary>
public sealed record ConflictResponse(
    long Id, Guid LeadId, Guid? RunId, string Field, string? AgreedValue, string? LocalValue, string? ZohoValue,
    string Resolution, string Policy, DateTimeOffset At, DateTimeOffset? ResolvedAt)
{
    public static ConflictResponse From(ConflictListItem conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return new(conflict.Id, conflict.LeadId, conflict.RunId, conflict.Field, conflict.AgreedValue, conflict.LocalValue,
            conflict.ZohoValue, conflict.Resolution.ToString(), conflict.Policy.ToString(), conflict.At, conflict.ResolvedAt);
    }
}
