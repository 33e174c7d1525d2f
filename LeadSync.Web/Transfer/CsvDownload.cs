using System.Globalization;
using System.Text;
using LeadSync.Core.Leads.Transfer;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Transfer;

/// <summary>
/// Streams a lead export as the HTTP response: <c>text/csv</c>, UTF-8 with a byte-order mark (so Excel reads accents
/// right), a dated file name, no caching, rows written as the database yields them.
/// </summary>
internal static class CsvDownload
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(HttpContext context, LeadCsvExport export, LeadExportRequest request, TimeProvider clock)
    {
        var response = context.Response;
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"leads-{date}.csv\"";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        await using var writer = new StreamWriter(response.Body, Utf8WithBom, LeadCsvExport.WriterBufferSize, leaveOpen: true);
        await export.WriteAsync(request, writer, context.RequestAborted);
    }
}
