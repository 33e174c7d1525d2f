using System.Text.Json;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Applies a batch of Bulk Write rows through <see cref="SandboxLeadService"/> — the same validation, Email matching,
/// Modified_Time and watch notifications as the record API (§2.4–§2.6), without workflows — and says each row's outcome.
/// Extra-field columns become the JSON values the record API takes (<see cref="SandboxBulkCell"/>), so a bad value is
/// the row's <c>INVALID_DATA</c> naming the field, as it would be for a record.
/// </summary>
internal sealed class SandboxBulkRowApplier(SandboxLeadService leads, SandboxFieldCatalog catalog)
{
    public async Task<IReadOnlyList<SandboxBulkRowOutcome>> ApplyAsync(string operation, SandboxBulkWriteSpec spec, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        var patches = rows.Select(row => Patch(spec, row, catalog)).ToList();
        IReadOnlyList<SandboxWriteItem> items = operation switch
        {
            "insert" => await leads.InsertAsync(patches, runWorkflows: false, CancellationToken.None),
            "upsert" => await leads.UpsertAsync(patches, [SandboxLeadFields.Email], runWorkflows: false, CancellationToken.None),
            _ when spec.FindBy == SandboxLeadFields.Email => await UpdateByEmailAsync(patches),
            _ => await leads.UpdateAsync(patches, runWorkflows: false, idInPath: false, CancellationToken.None),
        };
        return [.. items.Select(SandboxBulkRowOutcome.From)];
    }

    /// <summary>Update with find_by Email: each row updates the lead holding its email; a row whose email no lead holds is skipped.</summary>
    private async Task<IReadOnlyList<SandboxWriteItem>> UpdateByEmailAsync(List<SandboxLeadPatch> patches)
    {
        var found = new List<(int Row, SandboxLeadPatch Patch)>();
        var items = new SandboxWriteItem[patches.Count];
        for (var i = 0; i < patches.Count; i++)
        {
            var email = patches[i].Get(SandboxLeadFields.Email, null);
            if (!string.IsNullOrEmpty(email) && leads.Store.FindByEmail(email) is { } lead)
            {
                found.Add((i, patches[i] with { Id = SandboxJson.Id(lead.Id) }));
            }
            else
            {
                items[i] = SandboxWriteItem.Failed(new SandboxRecordError("RESOURCE_NOT_FOUND", "no record has this Email") { ApiName = SandboxLeadFields.Email });
            }
        }

        var updated = await leads.UpdateAsync([.. found.Select(f => f.Patch)], runWorkflows: false, idInPath: false, CancellationToken.None);
        for (var i = 0; i < found.Count; i++)
        {
            items[found[i].Row] = updated[i];
        }

        return items;
    }

    /// <summary>The row's mapped values; an empty cell is left out with ignore_empty, else it clears the field.</summary>
    private static SandboxLeadPatch Patch(SandboxBulkWriteSpec spec, string[] row, SandboxFieldCatalog catalog)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? id = null;
        foreach (var mapping in spec.Mappings)
        {
            var cell = mapping.Index < row.Length ? row[mapping.Index] : string.Empty;
            if (mapping.ApiName == SandboxLeadFields.Id)
            {
                id = cell.Trim();
            }
            else if (cell.Length == 0 && spec.IgnoreEmpty)
            {
                continue;
            }
            else if (SandboxLeadFields.Writable.ContainsKey(mapping.ApiName))
            {
                values[mapping.ApiName] = cell.Length == 0 ? null : cell;
            }
            else if (catalog.Find(mapping.ApiName) is { } field)
            {
                extras[mapping.ApiName] = cell.Length == 0 ? SandboxBulkCell.Null : SandboxBulkCell.ToJson(field, cell, mapping.Format);
            }
        }

        return new SandboxLeadPatch(values) { Id = id, Extras = extras };
    }
}
