using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The Bulk Write upload (§6.2): <c>POST {file host}/crm/v8/upload</c>, served by the sandbox at
/// <c>/sandbox/zoho/crm/v8/upload</c> (its API root doubles as the file host). Multipart <c>file</c> = a ZIP holding one
/// CSV; headers <c>feature: bulk-write</c> and <c>X-CRM-ORG</c>. Uploads cost no credits.
/// </summary>
internal static class SandboxUploadEndpoints
{
    public static void MapSandboxUpload(this IEndpointRouteBuilder api) => api.MapPost("/upload", UploadAsync);

    private static async Task<IResult> UploadAsync([AsParameters] SandboxBulkCall call)
    {
        var request = call.Context.Request;
        if (!string.Equals(request.Headers["feature"].ToString(), "bulk-write", StringComparison.OrdinalIgnoreCase))
        {
            return SandboxJson.Error(400, "INVALID_DATA", "the header 'feature' must be 'bulk-write'", new JsonObject { ["param_name"] = "feature" });
        }

        if (string.IsNullOrWhiteSpace(request.Headers["X-CRM-ORG"].ToString()))
        {
            return SandboxJson.MissingParam("X-CRM-ORG");
        }

        var (file, error) = await ReadFileAsync(request, call.Limits);
        if (file is null)
        {
            return error!;
        }

        var temporary = call.Jobs.Files.Temporary();
        try
        {
            await using (var target = File.Create(temporary))
            {
                await file.CopyToAsync(target, call.Aborted);
            }

            return await StoreAsync(call, temporary, file.FileName);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<IResult> StoreAsync(SandboxBulkCall call, string temporary, string fileName)
    {
        IReadOnlyList<string>? columns;
        int rows;
        IResult? refused;
        await using (var zip = File.OpenRead(temporary))
        {
            (columns, rows, refused) = SandboxUploadInspector.Inspect(zip, call.Limits);
        }

        if (refused is not null)
        {
            return refused;
        }

        var uploaded = call.Jobs.AddUpload(temporary, string.IsNullOrWhiteSpace(fileName) ? "upload.zip" : Path.GetFileName(fileName), columns!, rows);
        return SandboxJson.Send(new JsonObject
        {
            ["status"] = "success",
            ["code"] = "FILE_UPLOAD_SUCCESS",
            ["message"] = "file uploaded.",
            ["details"] = new JsonObject { ["file_id"] = SandboxJson.Id(uploaded.FileId), ["created_time"] = call.Json.Now() },
        }, 200);
    }

    /// <summary>The multipart <c>file</c> part within the size limit, or the refusal.</summary>
    private static async Task<(IFormFile? File, IResult? Error)> ReadFileAsync(HttpRequest request, SandboxBulkOptions limits)
    {
        if (!request.HasFormContentType)
        {
            return (null, SandboxJson.MissingParam("file"));
        }

        var bodyLimit = (long)limits.MaxUploadBytes + (64 * 1024);
        if (request.ContentLength > bodyLimit)
        {
            return (null, SandboxUploadInspector.TooMany("bytes", limits.MaxUploadBytes));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit }, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return (null, SandboxUploadInspector.TooMany("bytes", limits.MaxUploadBytes));
        }
        catch (InvalidDataException)
        {
            // A multipart body without parts (or cut short): there is no file to take.
            return (null, SandboxJson.MissingParam("file"));
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return (null, SandboxJson.MissingParam("file"));
        }

        return file.Length > limits.MaxUploadBytes ? (null, SandboxUploadInspector.TooMany("bytes", limits.MaxUploadBytes)) : (file, null);
    }
}
