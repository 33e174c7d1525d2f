namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's control surface for tests (through <c>app.Services</c>), the sandbox page and the
/// <c>/sandbox/zoho/_control</c> endpoints: faults, seeding, reset, token revocation and credit reset.
/// </summary>
// Eight parameters: the sandbox singletons it controls, all injected by DI.
internal sealed class ZohoSandboxControl(
    SandboxFaultInjector faults,
    SandboxLeadService leads,
    SandboxLeadStore store,
    SandboxFieldCatalog fields,
    SandboxTokenService tokens,
    SandboxCallLimiter limiter,
    SandboxWatchRegistry watches,
    SandboxBulkJobs bulkJobs)
{
    public SandboxFaultInjector Faults => faults;

    public SandboxLeadService Leads => leads;

    /// <summary>The org's Lead field metadata: add, rename, edit picklists, and the changes that break an integration.</summary>
    public SandboxFieldCatalog Fields => fields;

    /// <summary>Adds generated leads in one transaction (no notifications): fast data for paging tests and demos.</summary>
    public Task<int> SeedLeadsAsync(int count, string prefix = "Seeded", CancellationToken cancellationToken = default) =>
        leads.SeedAsync(count, prefix, cancellationToken);

    /// <summary>
    /// Removes every lead and deleted record, every Bulk job, upload and result file, restores the standard Lead fields
    /// and forgets the used credits.
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await store.ClearAsync(cancellationToken);
        bulkJobs.Clear();
        await fields.ResetAsync(cancellationToken);
        limiter.ResetCredits();
    }

    public Task RevokeRefreshTokenAsync(CancellationToken cancellationToken = default) => tokens.SetRefreshTokenRevokedAsync(true, cancellationToken);

    public Task RestoreRefreshTokenAsync(CancellationToken cancellationToken = default) => tokens.SetRefreshTokenRevokedAsync(false, cancellationToken);

    public Task ExpireAccessTokensAsync(CancellationToken cancellationToken = default) => tokens.ExpireAccessTokensAsync(cancellationToken);

    /// <summary>
    /// Makes a completed read job's result expire now, as it would a day after the job (§6.4): its download answers 404
    /// <c>RESOURCE_NOT_FOUND</c>. False when no completed read job has this id.
    /// </summary>
    public bool ExpireReadResult(long jobId)
    {
        if (bulkJobs.Find(jobId) is not { IsRead: true, State: SandboxBulkStates.Completed })
        {
            return false;
        }

        bulkJobs.Update(jobId, j => j with { ResultExpired = true });
        return true;
    }

    public void ResetTokenThrottle() => tokens.ResetThrottle();

    public void ResetCredits() => limiter.ResetCredits();

    /// <summary>The peak of calls in flight starts again from the calls in flight now.</summary>
    public void ResetPeakCallsInFlight() => limiter.ResetPeak();

    public SandboxState State() => new()
    {
        Leads = store.Count,
        CreditsUsed = limiter.CreditsUsed,
        DailyCredits = limiter.DailyCredits,
        CallsInFlight = limiter.InFlight,
        PeakCallsInFlight = limiter.PeakInFlight,
        RefreshTokenRevoked = tokens.IsRefreshTokenRevoked,
        ActiveAccessTokens = tokens.ActiveAccessTokenCount,
        TokenRequests = tokens.TokenRequests,
        WatchChannels = watches.All().Count,
        Faults = faults.Current,
    };
}
