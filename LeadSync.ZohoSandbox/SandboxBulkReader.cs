using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Runs a Bulk Read job (§6.1): walks the leads in id order, 1,000 at a time, keeps those the criteria match, skips to
/// the job's page (or past its page_token's last record), and streams up to one page into the result ZIP's CSV —
/// <c>id</c> first, then the fields asked for, date-times in ISO 8601 — so a million-lead sandbox never holds the file.
/// </summary>
internal sealed class SandboxBulkReader(SandboxBulkJobs jobs, SandboxLeadStore store, SandboxClock clock, IOptions<ZohoSandboxOptions> options)
{
    private const int Chunk = 1000;

    public Task<SandboxBulkReadResult> RunAsync(SandboxBulkJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.Read!;
        var (test, _) = SandboxReadCriteria.Parse(spec.CriteriaJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(spec.CriteriaJson));
        var pageSize = options.Value.Bulk.ReadPageSize;
        var page = new PageWalk(spec.AfterId is null ? (long)(spec.Page - 1) * pageSize : 0, pageSize);
        var temporary = jobs.Files.Temporary();
        try
        {
            var (zip, csv) = SandboxCsv.CreateZip(temporary, $"{SandboxJson.Id(job.Id)}.csv");
            using (zip)
            using (csv)
            {
                SandboxCsv.WriteRow(csv, [SandboxLeadFields.Id, .. spec.Fields]);
                SandboxSortKey? after = spec.AfterId is { } a ? new SandboxSortKey(a, a) : null;
                while (page.WantsMore && Next(ref after) is { } leads)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var lead in leads.Where(test!))
                    {
                        if (page.Take(lead.Id))
                        {
                            SandboxCsv.WriteRow(csv, [SandboxJson.Id(lead.Id), .. spec.Fields.Select(f => Value(lead, f))]);
                        }
                    }
                }
            }

            File.Move(temporary, jobs.Files.Result(job.Id), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        var token = page.More ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : null;
        return Task.FromResult(new SandboxBulkReadResult(page.Count, page.More, token, page.LastId));
    }

    /// <summary>The next 1,000 leads after <paramref name="after"/> in id order (null at the end), moving the cursor.</summary>
    private IReadOnlyList<SandboxLead>? Next(ref SandboxSortKey? after)
    {
        var result = store.List(new SandboxListQuery { SortBy = SandboxSortField.Id, Descending = false, After = after, Take = Chunk });
        if (result.Leads.Count == 0)
        {
            return null;
        }

        after = result.LastKey;
        return result.Leads;
    }

    private string? Value(SandboxLead lead, string field) => field switch
    {
        SandboxLeadFields.Owner or SandboxLeadFields.CreatedBy or SandboxLeadFields.ModifiedBy => SandboxJson.UserId,
        SandboxLeadFields.FullName => lead.FullName,
        SandboxLeadFields.CreatedTime => clock.Format(lead.CreatedTime),
        SandboxLeadFields.ModifiedTime => clock.Format(lead.ModifiedTime),
        _ => SandboxLeadValidator.ValueOf(lead, field),
    };

    /// <summary>Where the walk is in the matching records: how many to skip still, how many written, and whether one more matched.</summary>
    private sealed class PageWalk(long skip, int pageSize)
    {
        private long toSkip = skip;

        public int Count { get; private set; }

        public bool More { get; private set; }

        public long? LastId { get; private set; }

        public bool WantsMore => !More;

        /// <summary>True when this matching record belongs on the page; a record past a full page only says more match.</summary>
        public bool Take(long id)
        {
            if (More)
            {
                return false;
            }

            if (toSkip > 0)
            {
                toSkip--;
                return false;
            }

            if (Count == pageSize)
            {
                More = true;
                return false;
            }

            Count++;
            LastId = id;
            return true;
        }
    }
}
