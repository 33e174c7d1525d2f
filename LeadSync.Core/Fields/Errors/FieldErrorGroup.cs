using LeadSync.Core.Sync;

namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// The Failures page's row for one field that does not sync for some leads: the field, which way, Zoho's code, the
/// latest message, how many leads, and what to do.
/// </summary>
public sealed record FieldErrorGroup(string ApiName, string Label, FieldErrorDirection Direction, string Code, string Message, int Leads, DateTimeOffset LastAt)
{
    public string Advice => SyncErrorAdvice.ForField(Direction, Code, Label);
}
