namespace LeadSync.Core.Zoho;

/// <summary>No HTTP answer (timeout, refused or reset connection, lost response): always transient.</summary>
internal sealed class ZohoTransportException(string code, string message, TimeSpan duration, Exception? inner)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public TimeSpan Duration { get; } = duration;

    public ZohoApiException ToApiException() =>
        new(ZohoFailureKind.Transient, new ZohoRecordError(Code, Message), null, InnerException);
}
