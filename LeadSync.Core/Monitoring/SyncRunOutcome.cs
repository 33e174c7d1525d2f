namespace LeadSync.Core.Monitoring;

/// <summary>How a sync run ended (or that it has not).</summary>
public enum SyncRunOutcome
{
    /// <summary>Not finished yet.</summary>
    Running,

    /// <summary>Finished without an error and without failed records.</summary>
    Succeeded,

    /// <summary>Finished, but some records failed.</summary>
    PartlyFailed,

    /// <summary>Stopped early with an error.</summary>
    Failed,

    /// <summary>Stopped early because the application was stopping (a shutdown, not an error).</summary>
    Interrupted,
}
