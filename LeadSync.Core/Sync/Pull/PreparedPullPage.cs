using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// A page of Zoho records read and merged into its own unit of work but not yet saved (<see cref="PullPageApplier"/>),
/// and what it touches: the Zoho ids and emails of its records and of the leads it read. A later page that shares none
/// of them reads nothing this page writes, so it can be prepared while this one is saved (<see cref="PullPagePipeline"/>).
/// </summary>
internal sealed class PreparedPullPage : IAsyncDisposable
{
    private readonly HashSet<string> zohoIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> emails = new(StringComparer.Ordinal);

    public PreparedPullPage(PullPage page, IReadOnlyList<ZohoLead> records, ExtraFieldSet extras)
    {
        Page = page;
        Records = records;
        Extras = extras;
        foreach (var record in records)
        {
            Add(record.Id, Lead.NormalizeEmail(record.Email));
        }

        foreach (var (zohoId, email) in page.Read)
        {
            Add(zohoId, email); // as read: an email the merge changes frees the old one for a later record
        }
    }

    /// <summary>The merged page (replaced when a save met a lead changed meanwhile and the page was merged again).</summary>
    public PullPage Page { get; private set; }

    public IReadOnlyList<ZohoLead> Records { get; }

    public ExtraFieldSet Extras { get; }

    /// <summary>True when a record of <paramref name="records"/> has a Zoho id or email this page touches.</summary>
    public bool Touches(IReadOnlyList<ZohoLead> records)
    {
        foreach (var record in records)
        {
            var email = Lead.NormalizeEmail(record.Email);
            if ((record.Id is not null && zohoIds.Contains(record.Id)) || (email.Length > 0 && emails.Contains(email)))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(string? zohoId, string email)
    {
        if (zohoId is not null)
        {
            zohoIds.Add(zohoId);
        }

        if (email.Length > 0)
        {
            emails.Add(email);
        }
    }

    /// <summary>The page merged again in a fresh unit of work; the old one is let go.</summary>
    public void Replace(PullPage page)
    {
        Page.Db.Dispose();
        Page = page;
    }

    public ValueTask DisposeAsync() => Page.Db.DisposeAsync();
}
