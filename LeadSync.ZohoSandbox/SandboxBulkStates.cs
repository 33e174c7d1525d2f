namespace LeadSync.ZohoSandbox;

/// <summary>The states of a Bulk Read or Write job (§6): ADDED → QUEUED → IN PROGRESS → COMPLETED, or FAILED.</summary>
internal static class SandboxBulkStates
{
    public const string Added = "ADDED";
    public const string Queued = "QUEUED";
    public const string InProgress = "IN PROGRESS";
    public const string Completed = "COMPLETED";

    /// <summary>The failure state; Zoho's exact string is UNCONFIRMED (§6.1), the sandbox says FAILED.</summary>
    public const string Failed = "FAILED";

    public static bool IsFinished(string state) => state is Completed or Failed;

    /// <summary>The state after <paramref name="state"/> when the job does not fail.</summary>
    public static string Next(string state) => state switch
    {
        Added => Queued,
        Queued => InProgress,
        _ => Completed,
    };
}
