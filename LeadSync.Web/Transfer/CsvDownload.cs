using System.Globalization;
using System.Text;
using LeadSync.Core.Leads.Transfer;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Transfer;

/// <summary>
/// Streams a CSV download (a lead export, an import's refused rows) as the HTTP response: <c>text/csv</c>, UTF-8 with a byte-order mark (so Excel reads accents
/// right), a dated file name, no caching, rows written as the database yields them.
/// </summary>
internal static class CsvDownload
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(HttpContext context, LeadCsvExport export, LeadExportRequest request, TimeProvider clock)
    {
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var writer = Start(context, $"leads-{date}.csv");
        await export.WriteAsync(request, writer, context.RequestAborted);
    }

    /// <summary>Sets the download's headers and returns the writer of its body (dispose it to flush).</summary>
    public static StreamWriter Start(HttpContext context, string fileName)
    {
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{fileName}\"";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return new StreamWriter(response.Body, Utf8WithBom, LeadCsvExport.WriterBufferSize, leaveOpen: true);
    }
}
