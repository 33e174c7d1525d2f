namespace LeadSync.Core.Leads;

/// <summary>
/// How far the leads list counts a quick search (configuration section <c>Leads</c>). Counting every match of a search
/// reads every matching lead on PostgreSQL (its trigram index names candidates that must each be re-checked in the
/// table): 25,000 matches of 1,000,000 leads took 50–600 ms depending on how busy the machine was. The list counts a
/// search up to <see cref="SearchCountLimit"/> (and past the page shown) and says "more than N" beyond it, on both
/// databases alike; counts without a search term are always exact (<see cref="LeadCountQueries"/>). The default is 200:
/// on PostgreSQL a frequent term is counted by walking the sort index until the limit's matches, so the count costs
/// in proportion to the limit — to 1,001 of a term matching 2.5 % of 1,000,000 leads 18 ms of CPU, to 201 4 ms
/// (decision 0012).
/// </summary>
public sealed class LeadListOptions
{
    public const string SectionName = "Leads";

    /// <summary>A search matching more leads than this shows "more than" this many.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int SearchCountLimit { get; set; } = 200;
}
