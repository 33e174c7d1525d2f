namespace LeadSync.Core.Leads;

/// <summary>One broken rule: which field, which rule, and a sentence for a person.</summary>
public sealed record ValidationFailure(string Field, string Rule, string Message);
