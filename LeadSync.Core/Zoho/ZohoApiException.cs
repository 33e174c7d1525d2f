using System.Net;

namespace LeadSync.Core.Zoho;

/// <summary>
/// A Zoho call that failed as a whole (request-level envelope, token endpoint error, HTTP failure). Record-level
/// errors of write calls are not exceptions: they come back in <see cref="ZohoWriteResult.Error"/>.
/// </summary>
public sealed class ZohoApiException(ZohoFailureKind kind, ZohoRecordError error, HttpStatusCode? status, Exception? inner = null)
    : Exception($"Zoho {error.Code}: {error.Message}", inner)
{
    public ZohoFailureKind Kind { get; } = kind;

    public ZohoRecordError Error { get; } = error;

    public string Code => Error.Code;

    public HttpStatusCode? HttpStatus { get; } = status;

    public bool IsTransient => Kind is ZohoFailureKind.Transient;

    /// <summary>True when the failure means the connection needs a person (revoked token, wrong credentials).</summary>
    public bool IsAuthorizationProblem => Kind is ZohoFailureKind.RefreshTokenRevoked or ZohoFailureKind.InvalidClient or ZohoFailureKind.ScopeMismatch;
}
