namespace LeadSync.Core.Sync.Initial;

/// <summary>
/// The dry run of an initial sync, shown before it starts: how many leads each side holds (here: linked to Zoho and
/// never linked), how many of the never-linked leads a Zoho lead already has by email (they link instead of being
/// created), what the real run should cost (<see cref="Credits"/>) and what this estimate itself cost.
/// </summary>
public sealed record InitialSyncPlan(
    int LocalTotal,
    int LocalLinked,
    int LocalNeverLinked,
    long ZohoTotal,
    int EmailMatches,
    InitialSyncCredits Credits,
    int DryRunCredits,
    DateTimeOffset EstimatedAt)
{
    /// <summary>Never-linked leads the run creates in Zoho (those without a Zoho lead of the same email).</summary>
    public int ToCreateInZoho => Math.Max(0, LocalNeverLinked - EmailMatches);

    /// <summary>What an estimate costs before it runs: the count (1 credit) and one read job of emails per 200,000 Zoho leads.</summary>
    public static int DryRunCost(long zohoTotal, int localNeverLinked) =>
        1 + (zohoTotal == 0 || localNeverLinked == 0
            ? 0
            : (int)((zohoTotal + InitialSyncCredits.RecordsPerReadJob - 1) / InitialSyncCredits.RecordsPerReadJob) * InitialSyncCredits.ReadJobCredits);
}
