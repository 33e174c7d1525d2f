namespace LeadSync.Core.Conflicts;

/// <summary>Which value an admin keeps for a held conflict.</summary>
public enum ConflictSide
{
    Local,
    Zoho,
}
