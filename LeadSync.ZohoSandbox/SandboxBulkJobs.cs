using System.Collections.Concurrent;
using System.Text.Json;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's Bulk jobs and uploaded files (§6), held in memory and written through to
/// <see cref="SandboxBulkFiles"/>; loaded from there on first use, so a job in flight survives a restart.
/// </summary>
internal sealed class SandboxBulkJobs(SandboxBulkFiles files) : IDisposable
{
    private const long FirstId = 5_725_767_000_900_000_001;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<long, SandboxBulkJob> jobs = new();
    private readonly ConcurrentDictionary<long, SandboxUploadedFile> uploads = new();
    private readonly SemaphoreSlim work = new(0);
    private long lastId;
    private bool loaded;

    public SandboxBulkFiles Files => files;

    public long NextId()
    {
        EnsureLoaded();
        lock (gate)
        {
            lastId = Math.Max(lastId + 1, FirstId);
            return lastId;
        }
    }

    /// <summary>Keeps an inspected upload (moving the file into place) under a new file id.</summary>
    public SandboxUploadedFile AddUpload(string inspectedZip, string name, IReadOnlyList<string> columns, int rows)
    {
        var uploaded = new SandboxUploadedFile(NextId(), name, columns, rows);
        File.Move(inspectedZip, files.Upload(uploaded.FileId));
        uploads[uploaded.FileId] = uploaded;
        return uploaded;
    }

    /// <summary>An upload by id (after a restart, read again from its file); null when unknown.</summary>
    public SandboxUploadedFile? FindUpload(long fileId)
    {
        EnsureLoaded();
        if (uploads.TryGetValue(fileId, out var known))
        {
            return known;
        }

        var path = files.Upload(fileId);
        if (!File.Exists(path))
        {
            return null;
        }

        using var zip = File.OpenRead(path);
        var (columns, rows, _) = SandboxUploadInspector.Inspect(zip, new SandboxBulkOptions { MaxUploadRows = int.MaxValue / 2, MaxUploadColumns = int.MaxValue / 2 });
        return columns is null ? null : uploads.GetOrAdd(fileId, new SandboxUploadedFile(fileId, Path.GetFileName(path), columns, rows));
    }

    public SandboxBulkJob Add(SandboxBulkJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        jobs[job.Id] = job;
        Save(job);
        work.Release();
        return job;
    }

    public SandboxBulkJob? Find(long id)
    {
        EnsureLoaded();
        return jobs.GetValueOrDefault(id);
    }

    /// <summary>Changes a job; saved to its file unless <paramref name="persist"/> is false (progress counts in between).</summary>
    public SandboxBulkJob Update(long id, Func<SandboxBulkJob, SandboxBulkJob> change, bool persist = true)
    {
        ArgumentNullException.ThrowIfNull(change);
        var updated = jobs.AddOrUpdate(id, _ => throw new KeyNotFoundException($"No bulk job {id}"), (_, job) => change(job));
        if (persist)
        {
            Save(updated);
        }

        return updated;
    }

    /// <summary>
    /// Forgets every job and upload and deletes their files (the sandbox's Reset: an emptied org has no bulk history).
    /// Ids keep counting up, so a client holding an old job id gets "not found", never someone else's job.
    /// </summary>
    public void Clear()
    {
        EnsureLoaded();
        lock (gate)
        {
            jobs.Clear();
            uploads.Clear();
            if (Directory.Exists(files.Directory))
            {
                foreach (var path in Directory.EnumerateFiles(files.Directory))
                {
                    File.Delete(path);
                }
            }

            File.WriteAllText(files.LastId(), lastId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Waits until a job is added (the runner sleeps on this while there is no work).</summary>
    public Task WaitForWorkAsync(CancellationToken cancellationToken) => work.WaitAsync(cancellationToken);

    /// <summary>Every job, oldest first (tests count the jobs a client created).</summary>
    public IReadOnlyList<SandboxBulkJob> All()
    {
        EnsureLoaded();
        return [.. jobs.Values.OrderBy(j => j.Id)];
    }

    /// <summary>Jobs not yet COMPLETED or FAILED, oldest first.</summary>
    public IReadOnlyList<SandboxBulkJob> Unfinished()
    {
        EnsureLoaded();
        return [.. jobs.Values.Where(j => !SandboxBulkStates.IsFinished(j.State)).OrderBy(j => j.Id)];
    }

    /// <summary>The completed read job whose <c>next_page_token</c> this is, within the token's 24 hours (§6.1).</summary>
    public SandboxBulkJob? FindByPageToken(string token, DateTimeOffset now)
    {
        EnsureLoaded();
        return jobs.Values.FirstOrDefault(j => j.ReadResult?.NextPageToken == token && now - j.CreatedTime < TimeSpan.FromHours(24));
    }

    private void Save(SandboxBulkJob job)
    {
        var temporary = files.Temporary();
        File.WriteAllText(temporary, JsonSerializer.Serialize(job));
        File.Move(temporary, files.Job(job.Id), overwrite: true);
    }

    private void EnsureLoaded()
    {
        lock (gate)
        {
            if (loaded)
            {
                return;
            }

            loaded = true;
            if (File.Exists(files.LastId()) && long.TryParse(File.ReadAllText(files.LastId()), out var cleared))
            {
                lastId = cleared;
            }

            foreach (var path in files.Jobs())
            {
                if (JsonSerializer.Deserialize<SandboxBulkJob>(File.ReadAllText(path)) is { } job)
                {
                    jobs[job.Id] = job;
                    lastId = Math.Max(lastId, job.Id);
                }
            }

            foreach (var path in files.Uploads())
            {
                if (long.TryParse(Path.GetFileNameWithoutExtension(path)["upload-".Length..], out var id))
                {
                    lastId = Math.Max(lastId, id);
                }
            }
        }
    }

    public void Dispose() => work.Dispose();
}
