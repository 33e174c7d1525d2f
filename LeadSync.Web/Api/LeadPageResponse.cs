namespace LeadSync.Web.Api;

/// <summary>
/// One page of <c>GET /api/leads</c>: 1-based <see cref="Page"/>, and the total matching the filter — with a search
/// over many leads, counted only so far: <see cref="TotalIsLowerBound"/> then says more than <see cref="TotalCount"/>
/// match (the count always reaches past the page returned, so a client can page on while a page comes back full).
/// </summary>
public sealed record LeadPageResponse(IReadOnlyList<LeadResponse> Items, int Page, int PageSize, int TotalCount, bool TotalIsLowerBound);
