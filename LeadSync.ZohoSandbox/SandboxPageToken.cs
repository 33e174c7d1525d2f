namespace LeadSync.ZohoSandbox;

/// <summary>What a <c>page_token</c> stands for (§2.2): the listing's parameters, where it stopped, how many records were served, and its expiry.</summary>
internal sealed record SandboxPageToken(string Fingerprint, SandboxSortKey After, int Served, DateTimeOffset Expires);
