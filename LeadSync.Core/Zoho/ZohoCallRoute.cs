namespace LeadSync.Core.Zoho;

/// <summary>Which of Zoho's roots a call goes to (§1.1, §2, §6): the record API, the bulk APIs, the file host, or an address Zoho gave.</summary>
internal enum ZohoCallRoute
{
    /// <summary><c>{api}/crm/{version}/{path}</c>.</summary>
    RecordApi,

    /// <summary><c>{api}/crm/bulk/{version}/{path}</c> (§6).</summary>
    BulkApi,

    /// <summary><c>{file host}/crm/{version}/{path}</c>: the Bulk Write upload (§6.2).</summary>
    FileHost,

    /// <summary>The path is an address Zoho handed out (absolute, or absolute-path on the API host).</summary>
    Given,
}
