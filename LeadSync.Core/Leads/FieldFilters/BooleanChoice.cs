namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>What a boolean field's filter keeps: leads whose value is true, false, or who have none.</summary>
public enum BooleanChoice
{
    Yes,
    No,
    Empty,
}
