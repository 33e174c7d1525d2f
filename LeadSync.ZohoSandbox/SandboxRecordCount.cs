using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Zoho's record count (<c>GET /Leads/actions/count</c>, docs/zoho §0) with its optional <c>criteria</c> in the
/// search syntax <c>(Field:comparator:value)</c> — one condition, the form LeadSync sends to count the changes since a
/// watermark, e.g. <c>(Modified_Time:greater_than:2026-12-03T13:00:00+00:00)</c>. The condition is checked by the same
/// rules as a Bulk Read's criteria, so both calls agree on what "changed since" means.
/// </summary>
internal static class SandboxRecordCount
{
    private const int Chunk = 1000;

    public static (int Count, IResult? Error) Count(SandboxLeadStore store, string? criteria)
    {
        if (string.IsNullOrWhiteSpace(criteria))
        {
            return (store.Count, null);
        }

        var (test, error) = SandboxReadCriteria.Parse(Condition(criteria), "criteria");
        if (test is null)
        {
            return (0, error);
        }

        var count = 0;
        SandboxSortKey? after = null;
        while (true)
        {
            var page = store.List(new SandboxListQuery { SortBy = SandboxSortField.Id, Descending = false, After = after, Take = Chunk });
            count += page.Leads.Count(test);
            if (page.Leads.Count < Chunk || page.LastKey is null)
            {
                return (count, null);
            }

            after = page.LastKey;
        }
    }

    /// <summary><c>(Field:comparator:value)</c> as a Bulk Read condition; the value may hold colons (a time's offset).</summary>
    private static JsonObject Condition(string criteria)
    {
        var text = criteria.Trim();
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            text = text[1..^1];
        }

        var parts = text.Split(':', 3);
        return new JsonObject
        {
            ["field"] = new JsonObject { ["api_name"] = parts[0] },
            ["comparator"] = parts.Length > 1 ? parts[1] : null,
            ["value"] = parts.Length > 2 ? parts[2] : null,
        };
    }
}
