namespace LeadSync.Web.Security;

/// <summary>An admin as the Admins page lists them.</summary>
public sealed record AdminInfo(string Id, string Email, DateTimeOffset? LockedOutUntil);
