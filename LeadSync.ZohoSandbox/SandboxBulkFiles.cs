namespace LeadSync.ZohoSandbox;

/// <summary>
/// Where the Bulk APIs keep their files: uploads, job records and result ZIPs, in a folder beside the sandbox's SQLite
/// file (so a job survives a restart like the leads do, and each test host has its own).
/// </summary>
internal sealed class SandboxBulkFiles(SandboxDatabase database)
{
    public string Directory { get; } = Path.Combine(
        Path.GetDirectoryName(Path.GetFullPath(database.Path)) ?? ".", Path.GetFileNameWithoutExtension(database.Path) + "-bulk");

    public string Upload(long fileId) => Path.Combine(Ensure(), $"upload-{SandboxJson.Id(fileId)}.zip");

    public string Result(long jobId) => Path.Combine(Ensure(), $"result-{SandboxJson.Id(jobId)}.zip");

    public string Job(long jobId) => Path.Combine(Ensure(), $"job-{SandboxJson.Id(jobId)}.json");

    /// <summary>The last id given before a reset deleted the jobs, so ids keep counting up across a restart.</summary>
    public string LastId() => Path.Combine(Ensure(), "last-id.txt");

    public IEnumerable<string> Jobs() => System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "job-*.json") : [];

    public IEnumerable<string> Uploads() => System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "upload-*.zip") : [];

    /// <summary>A temporary path in the same folder (written, then moved into place, so a reader never sees half a file).</summary>
    public string Temporary() => Path.Combine(Ensure(), $"tmp-{Guid.NewGuid():N}");

    private string Ensure()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Directory;
    }
}
