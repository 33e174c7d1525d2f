using System.Globalization;

namespace LeadSync.Core.Fields;

/// <summary>
/// Turns the admin's wanted mapping into a <see cref="FieldMappingPlan"/> (what will happen, and what it costs) or
/// refuses it with a <see cref="FieldMappingException"/> naming the field and the rule. Pure: the page's preview and
/// the save say the same, and it is tested without a host.
/// </summary>
public static class FieldMappingPlanner
{
    public const int RecordsPerPage = 200;
    public const int BulkReadRecordsPerJob = 200_000;
    public const int BulkReadCreditsPerJob = 50;

    public static FieldMappingPlan Plan(
        IReadOnlyList<MappedField> current, FieldMetadata metadata, IReadOnlyList<FieldMappingChange> changes, int linkedLeads)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(changes);
        var mapped = current.ToDictionary(m => m.ApiName, StringComparer.Ordinal);
        var steps = new List<string>();
        var backfill = new List<ZohoFieldDefinition>();
        foreach (var change in changes)
        {
            Check(change, metadata, mapped);
            var definition = metadata.Find(change.ApiName) ?? mapped[change.ApiName].Definition;
            if (StepFor(change, definition, mapped.GetValueOrDefault(change.ApiName)) is not { } step)
            {
                continue;
            }

            if (step.Backfill)
            {
                backfill.Add(definition);
            }

            if (step.Text is not null)
            {
                steps.Add(step.Text);
            }
        }

        return WithBackfill(steps, backfill, linkedLeads);
    }

    /// <summary>Refuses a change that cannot be stored: an unknown field, a deleted one kept mapped, a core field, a forbidden direction.</summary>
    private static void Check(FieldMappingChange change, FieldMetadata metadata, Dictionary<string, MappedField> mapped)
    {
        var definition = metadata.Find(change.ApiName);
        if (definition is null && !mapped.ContainsKey(change.ApiName))
        {
            throw new FieldMappingException(change.ApiName, $"{change.ApiName}: Zoho's Lead metadata has no such field. Refresh the metadata and try again.");
        }

        if (!change.Mapped)
        {
            if (FieldMappingRules.IsCore(change.ApiName))
            {
                throw new FieldMappingException(change.ApiName, $"{change.ApiName} is one of the six core fields: it is always synced both ways.");
            }

            return;
        }

        if (definition is null)
        {
            throw new FieldMappingException(change.ApiName, $"{change.ApiName} no longer exists in Zoho: it can only be unmapped.");
        }

        if (FieldMappingRules.Refusal(definition, change.Direction) is { } refusal && !FieldMappingRules.IsCore(change.ApiName))
        {
            throw new FieldMappingException(change.ApiName, refusal);
        }
    }

    private static Step? StepFor(FieldMappingChange change, ZohoFieldDefinition definition, MappedField? now)
    {
        var name = $"{definition.Label} ({definition.ApiName})";
        var pulls = change.Direction != FieldSyncDirection.LeadSyncToZoho;
        if (FieldMappingRules.IsCore(change.ApiName))
        {
            return null;
        }

        if (!change.Mapped)
        {
            return now is null ? null : new Step($"Stop syncing {name}: LeadSync keeps the values it holds and Zoho's are left as they are.", false);
        }

        if (now is null)
        {
            return pulls
                ? new Step(null, true)
                : new Step($"Send {name} to Zoho from now on: each lead's value goes with its next push; nothing is read from Zoho.", false);
        }

        if (now.Problem is not null)
        {
            return new Step($"Accept Zoho's change to {name}: sync it as {ZohoFieldTypes.Describe(definition.Type)}, {FieldMappingRules.Describe(change.Direction)}.", pulls);
        }

        return now.Direction == change.Direction
            ? null
            : new Step($"Sync {name} {FieldMappingRules.Describe(change.Direction)} instead of {FieldMappingRules.Describe(now.Direction)}.", pulls && !now.Pulls);
    }

    private static FieldMappingPlan WithBackfill(List<string> steps, List<ZohoFieldDefinition> backfill, int linkedLeads)
    {
        if (backfill.Count == 0)
        {
            return new FieldMappingPlan(steps, [], linkedLeads, 0, 0);
        }

        var pages = Math.Max(1, (linkedLeads + RecordsPerPage - 1) / RecordsPerPage);
        var bulk = Math.Max(1, (linkedLeads + BulkReadRecordsPerJob - 1) / BulkReadRecordsPerJob) * BulkReadCreditsPerJob;
        var names = string.Join(", ", backfill.Select(d => d.Label));
        var leads = linkedLeads.ToString("N0", CultureInfo.InvariantCulture);
        var text = $"Backfill {names} for {leads} lead{(linkedLeads == 1 ? "" : "s")} from Zoho: about {pages.ToString("N0", CultureInfo.InvariantCulture)} "
            + $"credit{(pages == 1 ? "" : "s")} (one read of every linked lead, 1 credit per page of {RecordsPerPage}; a Bulk Read would cost {bulk}).";
        return new FieldMappingPlan([text, .. steps], [.. backfill.Select(d => d.ApiName)], linkedLeads, pages, bulk);
    }

    private sealed record Step(string? Text, bool Backfill);
}
