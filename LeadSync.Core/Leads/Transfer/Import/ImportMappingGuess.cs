using System.Collections.Frozen;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Guesses which lead field each column of an uploaded file fills, from its header name: LeadSync's own export headers
/// (<see cref="LeadCsvColumns"/>; its sync columns are ignored), Zoho's API names (<c>Last_Name</c>, <c>Lead_Status</c>…)
/// and common English names, compared without case, spaces, underscores or punctuation. The first column naming a field
/// takes it, so the guess never maps a field twice; the person corrects the rest.
/// </summary>
public static class ImportMappingGuess
{
    private static readonly FrozenDictionary<string, LeadImportField> Aliases = new Dictionary<string, LeadImportField>
    {
        ["firstname"] = LeadImportField.FirstName, ["givenname"] = LeadImportField.FirstName, ["forename"] = LeadImportField.FirstName,
        ["first"] = LeadImportField.FirstName,
        ["lastname"] = LeadImportField.LastName, ["surname"] = LeadImportField.LastName, ["familyname"] = LeadImportField.LastName,
        ["last"] = LeadImportField.LastName,
        ["email"] = LeadImportField.Email, ["emailaddress"] = LeadImportField.Email, ["mail"] = LeadImportField.Email,
        ["phone"] = LeadImportField.Phone, ["phonenumber"] = LeadImportField.Phone, ["telephone"] = LeadImportField.Phone,
        ["tel"] = LeadImportField.Phone, ["mobile"] = LeadImportField.Phone, ["mobilephone"] = LeadImportField.Phone,
        ["cellphone"] = LeadImportField.Phone,
        ["status"] = LeadImportField.Status, ["leadstatus"] = LeadImportField.Status,
        ["company"] = LeadImportField.Company, ["companyname"] = LeadImportField.Company, ["organisation"] = LeadImportField.Company,
        ["organization"] = LeadImportField.Company, ["account"] = LeadImportField.Company, ["accountname"] = LeadImportField.Company,
        ["employer"] = LeadImportField.Company,
    }.ToFrozenDictionary();

    /// <summary>One entry per header name: the field it fills, or null (ignored).</summary>
    public static ImportMapping Guess(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var taken = new HashSet<LeadImportField>();
        var columns = new LeadImportField?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            if (FieldFor(headers[i]) is { } field && taken.Add(field))
            {
                columns[i] = field;
            }
        }

        return new ImportMapping(columns);
    }

    /// <summary>The field a header name stands for, or null.</summary>
    public static LeadImportField? FieldFor(string? header) =>
        Aliases.TryGetValue(Key(header), out var field) ? field : null;

    /// <summary>The name without case, spaces, underscores, hyphens or other punctuation ("E-mail" → "email").</summary>
    public static string Key(string? header) =>
        string.Concat((header ?? string.Empty).Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
