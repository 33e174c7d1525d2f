namespace LeadSync.Web.Api;

/// <summary>The body of <c>POST /api/leads/batch</c>: 1 to <see cref="MaxOperations"/> operations, applied in order.</summary>
public sealed record LeadBatchRequest(IReadOnlyList<LeadBatchOperation>? Operations)
{
    public const int MaxOperations = 1_000;
}

/// <summary>
/// One operation of a batch: <c>create</c> (with <c>lead</c>), <c>update</c> (<c>id</c>, <c>lead</c>, optional
/// <c>version</c> to fail on a concurrent change) or <c>delete</c> (<c>id</c>).
/// </summary>
public sealed record LeadBatchOperation(string? Op, Guid? Id, long? Version, LeadInput? Lead);
