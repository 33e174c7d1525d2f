namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>What an import does with one row; each row ends as exactly one of these (the job's four counts).</summary>
public enum ImportRowAction
{
    Create,
    Update,
    Skip,
    Refuse,
}
