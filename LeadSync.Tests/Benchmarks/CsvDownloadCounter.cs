using System.Diagnostics;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Downloads a response the way a client saving a big export would — headers first, then the body read through a
/// fixed buffer — counting bytes and lines but keeping nothing, so the client's own memory stays out of the figures.
/// </summary>
public static class CsvDownloadCounter
{
    public static async Task<CsvDownloadCount> DownloadAsync(HttpClient client, Uri path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return new CsvDownloadCount(bytes, lines, Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>What a download brought: bytes and lines (CSV records end in CRLF; no field here holds a line break).</summary>
public sealed record CsvDownloadCount(long Bytes, long Lines, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Lines:N0} lines, {Bytes / 1e6:F1} MB in {Elapsed.TotalSeconds:F2} s ({(Lines - 1) / Elapsed.TotalSeconds:F0} rows/s, {Bytes / 1e6 / Elapsed.TotalSeconds:F1} MB/s)";
}
