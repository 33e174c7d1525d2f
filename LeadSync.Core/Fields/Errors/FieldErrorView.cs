using LeadSync.Core.Sync;

namespace LeadSync.Core.Fields.Errors;

/// <summary>One per-field error of a lead as the lead dialog shows it beside the field's editor.</summary>
public sealed record FieldErrorView(string ApiName, string Label, FieldErrorDirection Direction, string Code, string Message, DateTimeOffset At)
{
    /// <summary>What a person can do about it (<see cref="SyncErrorAdvice.ForField"/>).</summary>
    public string Advice => SyncErrorAdvice.ForField(Direction, Code, Label);
}
