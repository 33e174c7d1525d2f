using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>Settings of the CSV import (section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>
    /// A pause between batches of <see cref="ImportJobRunner.BatchSize"/> rows, to spare a database that also serves a
    /// busy console and the sync (0, the default: none).
    /// </summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.Zero;
}
