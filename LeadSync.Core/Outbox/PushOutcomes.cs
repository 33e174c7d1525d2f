using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Outbox;

/// <summary>What Zoho's answers mean for the records a push carried (the meanings of the codes live in <see cref="ZohoErrorCodes"/>).</summary>
internal static class PushOutcomes
{
    /// <summary>
    /// A record Zoho did not write: a delete of a record already gone is done (§2.7); an update of a record gone means
    /// the lead is re-created from its values; a passing failure is tried again; a refusal naming one extra field leaves that field out; anything else Zoho refused.
    /// </summary>
    public static PushOutcomeKind KindOf(ZohoRecordError error, bool isDelete, bool linked)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (isDelete && error.Code == ZohoErrorCodes.InvalidData)
        {
            return PushOutcomeKind.Done;
        }

        if (!isDelete && linked && ZohoErrorCodes.IsRecordGone(error))
        {
            return PushOutcomeKind.Relink;
        }

        if (ZohoErrorCodes.IsPassing(error.Code))
        {
            return PushOutcomeKind.Transient;
        }

        return !isDelete && FieldErrorCodes.ExtraField(error) is not null ? PushOutcomeKind.FieldRefused : PushOutcomeKind.Rejected;
    }

    /// <summary>
    /// What a failed call means for the records it carried, or null to let the exception through (the credentials were
    /// refused, or the drain is stopping): a record modified after the update's precondition and Zoho's passing
    /// failures are tried again (an HTTP timeout may have lost the answer to an applied write: the retry is idempotent);
    /// anything else Zoho refused is refused.
    /// </summary>
    public static (PushOutcomeKind Kind, ZohoRecordError Error)? Failure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ZohoApiException ex when ex.IsAuthorizationProblem => null,
        ZohoApiException ex when ex.Code == ZohoErrorCodes.AlreadyModified => (PushOutcomeKind.Transient, ex.Error),
        ZohoApiException ex => (ex.IsTransient || ex.Kind == ZohoFailureKind.TokenThrottled ? PushOutcomeKind.Transient : PushOutcomeKind.Rejected, ex.Error),
        HttpRequestException or IOException => (PushOutcomeKind.Transient, new ZohoRecordError("NETWORK", exception.Message)),
        TimeoutException => (PushOutcomeKind.Transient, new ZohoRecordError("TIMEOUT", exception.Message)),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => (PushOutcomeKind.Transient, new ZohoRecordError("TIMEOUT", exception.Message)),
        _ => null,
    };
}
