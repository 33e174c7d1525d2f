using System.ComponentModel.DataAnnotations;

namespace LeadSync.Web.Demo;

/// <summary>The <c>DemoData</c> section: seed realistic leads into an empty database on first run.</summary>
public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";

    public bool Enabled { get; set; }

    [Range(1, 100_000)]
    public int LeadCount { get; set; } = 300;
}
