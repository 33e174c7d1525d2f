namespace LeadSync.Core.Sync;

/// <summary>Which value an admin keeps for a held conflict.</summary>
public enum ConflictSide
{
    Local,
    Zoho,
}
