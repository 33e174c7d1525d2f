namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>The operations a generated sequence interleaves.</summary>
internal enum ModelOpKind
{
    LocalCreate,
    LocalEdit,
    LocalEmailCase,
    LocalDelete,
    BulkPush,
    ZohoCreate,
    ZohoEdit,
    ZohoEmailCase,
    ZohoDelete,
    Pull,
    Drain,
    Settle,
    Faults,
    FaultsOff,
    ExpireTokens,
    Restart,
}
