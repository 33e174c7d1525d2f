namespace LeadSync.Core.Security;

/// <summary>A freshly created key: <see cref="Key"/> is shown to the admin once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
