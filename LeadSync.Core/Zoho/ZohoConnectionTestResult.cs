namespace LeadSync.Core.Zoho;

/// <summary>
/// What Test connection found: <see cref="Succeeded"/>, or the Zoho <see cref="Code"/> with a sentence saying what is
/// wrong and what to do (<see cref="Advice"/>), and the hosts that were used.
/// </summary>
public sealed record ZohoConnectionTestResult(
    bool Succeeded,
    string Code,
    string Message,
    string? Advice,
    ZohoMode Mode,
    string AccountsUrl);
