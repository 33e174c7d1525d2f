namespace LeadSync.Core.Fields.Errors;

/// <summary>A lead a field does not sync for, as the Failures page lists it (name, email, the field's message).</summary>
public sealed record FieldErrorLead(Guid LeadId, string Name, string Email, string Message, DateTimeOffset At);
