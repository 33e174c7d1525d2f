using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>
/// What a person can do about a lead's sync error (<see cref="SyncError"/>: Zoho's code and the field it named), in
/// one place for the lead dialog, the Failures page and the API: for Zoho's common refusals of a push (a value in the
/// wrong form or too long, a required field missing, a duplicate, a status not in the picklist) and for a Zoho copy
/// the pull refused (<c>ZOHO_COPY_…</c>). What each field accepts comes from <see cref="LeadFieldRules"/>. Null when
/// there is no advice beyond Zoho's own message (a passing error is retried by itself).
/// </summary>
public static class SyncErrorAdvice
{
    private const string MandatoryNotFound = "MANDATORY_NOT_FOUND";
    private const string DuplicateData = "DUPLICATE_DATA";
    private const string EditOrFixInZoho = "edit the lead or fix it in Zoho";
    private const string PushToReplace = "fix it in Zoho, or retry this lead to replace Zoho's copy with its values";

    /// <summary>The advice for a lead's last error, or null.</summary>
    public static string? For(SyncError? error) => error is null ? null : For(error.Code, error.Field);

    /// <summary>The advice for Zoho's <paramref name="code"/> on <paramref name="field"/> (a name of <see cref="LeadFields.Names"/>, or null).</summary>
    public static string? For(string code, string? field)
    {
        ArgumentNullException.ThrowIfNull(code);
        field = field is not null && LeadFields.Names.Contains(field) ? field : null;
        if (code.StartsWith(RefusedZohoCopy.CodePrefix, StringComparison.Ordinal))
        {
            return ForZohoCopy(code[RefusedZohoCopy.CodePrefix.Length..], field);
        }

        return code switch
        {
            ZohoErrorCodes.InvalidData when field is "Status" =>
                "Status: Zoho's Lead Status picklist does not take this value — pick one of its values (such as Not Contacted or Contacted) on the lead, or add the value to the picklist in Zoho.",
            ZohoErrorCodes.InvalidData when field is not null => $"{Label(field)}: Zoho allows {LeadFieldRules.Allowed(field)} — {EditOrFixInZoho}.",
            ZohoErrorCodes.InvalidData => $"Zoho refused a value without naming the field — check the lead's values against Zoho's field rules, then {EditOrFixInZoho}.",
            MandatoryNotFound => $"{Label(field) ?? "A field"}: Zoho requires a value — fill it in on the lead and save; the push goes again.",
            DuplicateData =>
                $"{Label(field) ?? "A unique field"}: another Zoho record already holds this value — change it on the lead, or merge or delete the other record in Zoho, then retry.",
            "RECORD_LOCKED" or "NOT_APPROVED" => "Zoho holds the record locked or waiting for approval — finish that in Zoho, then retry.",
            Outbox.LostCreateRecovery.DeletedAfterLostCreateCode =>
                "A Zoho user most likely deleted this lead in Zoho — delete it here too, or retry it to create it in Zoho again.",
            _ => null,
        };
    }

    /// <summary>
    /// The advice for a per-field error (<see cref="Fields.Errors.LeadFieldError"/>) of the field labelled
    /// <paramref name="label"/>: the rest of the lead syncs; what brings the field back depends on the way it failed.
    /// </summary>
    public static string ForField(Fields.Errors.FieldErrorDirection direction, string code, string label) => (direction, code) switch
    {
        (Fields.Errors.FieldErrorDirection.Pull, _) =>
            $"{label}: Zoho's value does not fit the field as LeadSync knows it — Zoho probably changed the field. On Settings → Field mapping accept Zoho's change (its values are read again) or unmap the field; the lead keeps its own value meanwhile.",
        (_, MandatoryNotFound) =>
            $"{label}: Zoho now requires a value — fill it in on the lead and save, or accept Zoho's change on Settings → Field mapping. The lead's other fields are synced.",
        _ =>
            $"{label}: Zoho refused this value (the field changed in Zoho: a picklist value removed, or a new type) — pick a value Zoho takes and save, or accept Zoho's change on Settings → Field mapping. The lead's other fields are synced.",
    };

    /// <summary>A Zoho copy the pull refused (the reason after the prefix: <c>INVALID_{rule}</c> or <c>DUPLICATE_EMAIL</c>).</summary>
    private static string? ForZohoCopy(string reason, string? field) => reason switch
    {
        "DUPLICATE_EMAIL" =>
            "Email: Zoho's copy has an email another lead here already uses — fix the email in Zoho, or change or delete the other lead here.",
        "INVALID_REQUIRED" => $"{Label(field) ?? "A required field"}: Zoho's copy has no value — {PushToReplace}.",
        _ when field is not null && reason.StartsWith("INVALID_", StringComparison.Ordinal) =>
            $"{Label(field)}: Zoho's copy breaks LeadSync's rule, which allows {LeadFieldRules.Allowed(field)} — {PushToReplace}.",
        _ => null,
    };

    private static string? Label(string? field) => field is null ? null : LeadFieldRules.Label(field);
}
