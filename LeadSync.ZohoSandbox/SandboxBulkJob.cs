namespace LeadSync.ZohoSandbox;

/// <summary>
/// One Bulk Read or Write job as the sandbox keeps it (persisted as JSON beside its files, so it survives a restart):
/// what was asked, its state, its progress and its outcome.
/// </summary>
internal sealed record SandboxBulkJob
{
    public required long Id { get; init; }

    /// <summary><c>insert</c>, <c>update</c> or <c>upsert</c> for a write job; <c>read</c> for a read job.</summary>
    public required string Operation { get; init; }

    public string State { get; init; } = SandboxBulkStates.Added;

    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>The sandbox's API root as the creator called it (absolute URLs in callbacks, which have no request).</summary>
    public required string ApiBase { get; init; }

    public string? CallbackUrl { get; init; }

    public SandboxBulkWriteSpec? Write { get; init; }

    public SandboxBulkReadSpec? Read { get; init; }

    /// <summary>Write: rows in the file, and rows added, updated and skipped so far.</summary>
    public int Total { get; init; }

    public int Added { get; init; }

    public int Updated { get; init; }

    public int Skipped { get; init; }

    /// <summary>Read: the outcome of the page once the job completed.</summary>
    public SandboxBulkReadResult? ReadResult { get; init; }

    /// <summary>
    /// Read: the result can no longer be downloaded (the <c>_control/bulk/read/{id}/expire</c> control, standing in for
    /// the day Zoho keeps a result, §6.4). The job's details still say COMPLETED.
    /// </summary>
    public bool ResultExpired { get; init; }

    /// <summary>Times the job's result was sent (tests check that a resumed client does not fetch a page again).</summary>
    public int Downloads { get; init; }

    /// <summary>Why the job failed (FAILED only).</summary>
    public string? Failure { get; init; }

    public bool IsRead => Operation == "read";

    /// <summary>How long a read job's result can be downloaded after the job was created (§6.4: a day, as Zoho is said to keep it).</summary>
    public static TimeSpan ReadResultLifetime { get; } = TimeSpan.FromDays(1);

    /// <summary>True when a read job's result can no longer be downloaded at <paramref name="now"/>.</summary>
    public bool ResultExpiredAt(DateTimeOffset now) => IsRead && (ResultExpired || now - CreatedTime > ReadResultLifetime);
}

/// <summary>A write job's resource (§6.2): the uploaded file, the column of each field, find_by and ignore_empty.</summary>
internal sealed record SandboxBulkWriteSpec(long FileId, string? FindBy, bool IgnoreEmpty, IReadOnlyList<SandboxFieldMapping> Mappings);

/// <summary>
/// One <c>field_mappings</c> item: the field's API name, the CSV column (0-based) that holds it, and the <c>format</c>
/// its cells are written in (date fields; Zoho's default is <c>MM/dd/yyyy</c>).
/// </summary>
internal sealed record SandboxFieldMapping(string ApiName, int Index, string? Format = null);

/// <summary>
/// A read job's query (§6.1): the fields (id always added), the criteria as sent, and where the page starts — page
/// <see cref="Page"/> counted from the first matching record, or just after record <see cref="AfterId"/> (page_token).
/// </summary>
internal sealed record SandboxBulkReadSpec(IReadOnlyList<string> Fields, string? CriteriaJson, int Page, long? AfterId);

/// <summary>A completed read page: records written, whether more match, the token for the next page and the last id written.</summary>
internal sealed record SandboxBulkReadResult(int Count, bool MoreRecords, string? NextPageToken, long? LastId);
