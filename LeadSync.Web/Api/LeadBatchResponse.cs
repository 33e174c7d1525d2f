using Microsoft.AspNetCore.Mvc;

namespace LeadSync.Web.Api;

/// <summary>The answer to a batch: one result per operation, in the order sent, and the counts.</summary>
public sealed record LeadBatchResponse(int Succeeded, int Failed, IReadOnlyList<LeadBatchItemResult> Results);

/// <summary>
/// What one operation did: the status the single-lead endpoint would have answered (201, 200, 204, 400, 404, 409), the
/// lead (created or updated) or the problem document explaining the refusal. A refused operation stored nothing.
/// </summary>
public sealed record LeadBatchItemResult(int Index, string Op, int Status, Guid? Id, LeadResponse? Lead, ProblemDetails? Problem);
