namespace LeadSync.Core.Sync.Pull;

/// <summary>Where the Bulk Read of a pull stands (<see cref="BulkReadJob"/>): at most one is <see cref="Reading"/> at a time.</summary>
public enum BulkReadJobState
{
    /// <summary>A Zoho job is followed, or its result applied: the next pull resumes it.</summary>
    Reading,

    /// <summary>Every job's result is applied and the watermark moved.</summary>
    Done,

    /// <summary>Given up for a new job (<see cref="BulkReadJob.Note"/> says why); nothing of it is resumed.</summary>
    Replaced,
}
