using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Zoho;

/// <summary>Reading and writing Zoho's JSON (§2): ids always as strings, date-times through <see cref="ZohoDateTime"/>.</summary>
internal static class ZohoJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An id as a string: Zoho sends strings, but a number is taken by its exact digits, never through a double.</summary>
    public static string? Id(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static DateTimeOffset? Time(JsonElement element, string name) => ZohoDateTime.Parse(String(element, name));

    public static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static JsonElement Root(ZohoResponse response)
    {
        if (!response.TryGetJson(out var root) || root.ValueKind != JsonValueKind.Object)
        {
            throw new ZohoApiException(
                ZohoFailureKind.Permanent,
                new ZohoRecordError("INVALID_RESPONSE", $"Zoho answered HTTP {response.HttpStatus} with a body that is not a JSON object"),
                (System.Net.HttpStatusCode)response.HttpStatus);
        }

        return root;
    }

    public static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    public static ZohoLead Lead(JsonElement record) => new ZohoLead()
    {
        Id = Id(record, "id"),
        FirstName = String(record, "First_Name"),
        LastName = String(record, "Last_Name"),
        Email = String(record, "Email"),
        Phone = String(record, "Phone"),
        LeadStatus = String(record, "Lead_Status"),
        Company = String(record, "Company"),
        ModifiedTime = Time(record, "Modified_Time"),
        CreatedTime = Time(record, "Created_Time"),
    }.WithExtra(record);

    /// <summary>The names a record has its own property for (frozen: looked up for every extra value read and written).</summary>
    internal static readonly FrozenSet<string> KnownNames = new[] { "id", "Modified_Time", "Created_Time" }.Concat(ZohoFieldNames.SyncedApiNames).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The record's other fields (not the core ones, the times or <c>$</c> meta keys), typed by their JSON shape.</summary>
    private static ZohoLead WithExtra(this ZohoLead lead, JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return lead;
        }

        List<string>? names = null;
        List<KeyValuePair<string, FieldValue?>>? values = null;
        foreach (var property in record.EnumerateObject())
        {
            var name = property.Name;
            if (KnownNames.Contains(name) || name.StartsWith('$'))
            {
                continue;
            }

            (names ??= []).Add(name);
            (values ??= []).Add(new(name, FieldValue.FromJson(property.Value)));
        }

        return names is null ? lead : lead with { ExtraNames = new SortedNameSet(names), Extra = LeadFieldValues.FromList(values!) };
    }

    /// <summary>Per-record outcomes of a write (§2.4–§2.7), in input order.</summary>
    public static IReadOnlyList<ZohoWriteResult> WriteResults(ZohoResponse response, int expected, IReadOnlyList<string?>? inputIds = null)
    {
        var items = Array(Root(response), "data").ToList();
        if (items.Count != expected)
        {
            throw new ZohoApiException(
                ZohoFailureKind.Permanent,
                new ZohoRecordError("INVALID_RESPONSE", $"Zoho answered {items.Count} results for {expected} records"),
                (System.Net.HttpStatusCode)response.HttpStatus);
        }

        var results = new ZohoWriteResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var details = item.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var success = String(item, "status") == "success";
            results[i] = success
                ? new ZohoWriteResult(i, Id(details, "id") ?? inputIds?[i], Time(details, "Modified_Time"), String(item, "action"), null)
                : new ZohoWriteResult(i, inputIds?[i], null, String(item, "action"), ZohoErrors.ParseError(item));
        }

        return results;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString();

    public static string Join(IEnumerable<string> values) => string.Join(',', values);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
