namespace LeadSync.Core.Zoho;

/// <summary>
/// One of the deployment's <c>Zoho:MaxConcurrency</c> call slots: free, or held by one call of one instance until its
/// lease ends (a call that outlives its timeout, or an instance that died, frees the slot by the lease).
/// </summary>
public sealed class ZohoCallSlot
{
    public int Slot { get; set; }

    /// <summary>Who holds the slot: the instance and a token of the call (so only that call releases it).</summary>
    public string? Holder { get; set; }

    public DateTimeOffset? HeldUntil { get; set; }
}
