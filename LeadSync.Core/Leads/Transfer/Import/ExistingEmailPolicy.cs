namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>What an import does with a row whose email already belongs to a lead: the person importing chooses.</summary>
public enum ExistingEmailPolicy
{
    /// <summary>The row's mapped columns replace the lead's values (columns not mapped keep theirs).</summary>
    Update,

    /// <summary>The lead stays as it is; the row is counted as skipped.</summary>
    Skip,

    /// <summary>The row is refused (it shows in the refused-rows CSV with its reason).</summary>
    Fail,
}
