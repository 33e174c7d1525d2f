using System.ComponentModel.DataAnnotations;

namespace LeadSync.Core.Monitoring;

/// <summary><c>Sync:DailyCreditBudget</c>: the Zoho API credits LeadSync may spend in 24 hours (the dashboard warns above 80%).</summary>
public sealed class CreditBudgetOptions
{
    public const string SectionName = "Sync";

    public const int Default = 50_000;

    [Range(1, 100_000_000)]
    public int DailyCreditBudget { get; set; } = Default;
}
