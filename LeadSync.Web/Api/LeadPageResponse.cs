namespace LeadSync.Web.Api;

/// <summary>One page of <c>GET /api/leads</c>: 1-based <see cref="Page"/>, and the total matching the filter.</summary>
public sealed record LeadPageResponse(IReadOnlyList<LeadResponse> Items, int Page, int PageSize, int TotalCount);
