namespace LeadSync.Web.Api;

/// <summary>The last sync error of a lead.</summary>
public sealed record LeadErrorResponse(string Code, string? Message);
