namespace LeadSync.ZohoSandbox;

/// <summary>A snapshot of the sandbox for the control API and the sandbox page (no secrets).</summary>
internal sealed record SandboxState
{
    public int Leads { get; init; }

    public int CreditsUsed { get; init; }

    public int DailyCredits { get; init; }

    public int CallsInFlight { get; init; }

    /// <summary>The most API calls in flight at once since start (or the last reset of the peak).</summary>
    public int PeakCallsInFlight { get; init; }

    public bool RefreshTokenRevoked { get; init; }

    public int ActiveAccessTokens { get; init; }

    /// <summary>Token requests received since start (granted or refused).</summary>
    public int TokenRequests { get; init; }

    public int WatchChannels { get; init; }

    public required SandboxFaultSettings Faults { get; init; }
}
