namespace LeadSync.Core.Zoho;

/// <summary>
/// The Zoho CRM Leads API LeadSync uses (reference §1–§5), over real HTTP to Zoho or to the host's built-in Zoho endpoint.
/// Request-level failures throw <see cref="ZohoApiException"/>; record-level outcomes are returned per record.
/// Write calls take at most 100 records (§2.4); callers batch.
/// </summary>
public interface IZohoClient
{
    /// <summary>Every page of a listing, following <c>page_token</c> to the end. 204 and 304 yield one empty page (with Zoho's clock).</summary>
    IAsyncEnumerable<ZohoLeadPage> ListLeadsAsync(ZohoListRequest request, CancellationToken cancellationToken = default);

    /// <summary>The leads with these ids (up to 100); unknown ids are simply absent.</summary>
    Task<IReadOnlyList<ZohoLead>> GetLeadsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ZohoWriteResult>> InsertLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates linked records (§2.5). With <paramref name="ifUnmodifiedSince"/>, a record Zoho modified after that time is
    /// not written: its result fails with <see cref="ZohoErrorCodes.AlreadyModified"/>.
    /// </summary>
    Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(
        IReadOnlyList<ZohoLead> leads, DateTimeOffset? ifUnmodifiedSince, CancellationToken cancellationToken = default);

    /// <summary>Updates linked records without a precondition (§2.5).</summary>
    Task<IReadOnlyList<ZohoWriteResult>> UpdateLeadsAsync(IReadOnlyList<ZohoLead> leads, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upsert matching on <paramref name="duplicateCheckFields"/> (e.g. <c>["Email"]</c>), so a retry never duplicates.
    /// Not repeated inside the client after a lost answer: a repeat would overwrite any edit made to the record since.
    /// </summary>
    Task<IReadOnlyList<ZohoWriteResult>> UpsertLeadsAsync(
        IReadOnlyList<ZohoLead> leads, IReadOnlyList<string> duplicateCheckFields, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ZohoWriteResult>> DeleteLeadsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Deleted records (§2.8), optionally only those deleted after <paramref name="deletedSince"/>, all pages.</summary>
    IAsyncEnumerable<IReadOnlyList<ZohoDeletedRecord>> ListDeletedLeadsAsync(DateTimeOffset? deletedSince, CancellationToken cancellationToken = default);

    Task<ZohoWatchResult> EnableWatchAsync(ZohoWatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Extends a channel's expiry (PATCH, §5).</summary>
    Task<ZohoWatchResult> RenewWatchAsync(string channelId, DateTimeOffset channelExpiry, CancellationToken cancellationToken = default);

    Task DisableWatchAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>Zoho's metadata of every Lead field (<c>GET /settings/fields?module=Leads</c>, 1 credit, docs/zoho §2.12), in Zoho's order.</summary>
    Task<IReadOnlyList<LeadSync.Core.Fields.ZohoFieldDefinition>> GetLeadFieldsAsync(CancellationToken cancellationToken = default);

    /// <summary>Obtains (or reuses) an access token; throws when the credentials are wrong. Used by Test connection and /readyz.</summary>
    Task EnsureAuthorizedAsync(CancellationToken cancellationToken = default);
}
