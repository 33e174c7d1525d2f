namespace LeadSync.Web.Api;

/// <summary>A request the API cannot read (malformed JSON, wrong content type); becomes a problem document.</summary>
public sealed class ApiBadRequestException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
