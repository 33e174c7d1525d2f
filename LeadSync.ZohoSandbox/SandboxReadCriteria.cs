using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A Bulk Read job's <c>criteria</c> (§6.1) as a test on a lead: one condition
/// <c>{field:{api_name}, comparator, value}</c> or a <c>group</c> of criteria joined by <c>group_operator</c> (and/or),
/// nested at will. Date-time fields (Modified_Time, Created_Time) take equal, not_equal, greater_than, greater_equal,
/// less_than, less_equal and between (a two-value array), whole seconds only; text fields take equal, not_equal,
/// contains, starts_with and ends_with, with <c>${EMPTY}</c> for an empty value.
/// </summary>
internal static class SandboxReadCriteria
{
    private static readonly string[] DateComparators = ["equal", "not_equal", "greater_than", "greater_equal", "less_than", "less_equal", "between"];
    private static readonly string[] TextComparators = ["equal", "not_equal", "contains", "starts_with", "ends_with"];

    public static (Func<SandboxLead, bool>? Test, IResult? Error) Parse(JsonNode? criteria, string path = "$.query.criteria")
    {
        if (criteria is null)
        {
            return (_ => true, null);
        }

        if (criteria is not JsonObject node)
        {
            return Invalid("criteria must be an object", path);
        }

        return node["group"] is null ? Condition(node, path) : Group(node, path);
    }

    private static (Func<SandboxLead, bool>?, IResult?) Group(JsonObject node, string path)
    {
        if (node["group"] is not JsonArray { Count: > 0 } group)
        {
            return Invalid("group must be a non-empty array", path + ".group");
        }

        var op = (SandboxBulkBody.Text(node["group_operator"]) ?? "and").ToLowerInvariant();
        if (op is not ("and" or "or"))
        {
            return Invalid("group_operator must be and or or", path + ".group_operator");
        }

        var tests = new List<Func<SandboxLead, bool>>();
        for (var i = 0; i < group.Count; i++)
        {
            var (test, error) = Parse(group[i], $"{path}.group[{i}]");
            if (error is not null)
            {
                return (null, error);
            }

            tests.Add(test!);
        }

        return op == "and" ? (lead => tests.All(t => t(lead)), null) : (lead => tests.Any(t => t(lead)), null);
    }

    private static (Func<SandboxLead, bool>?, IResult?) Condition(JsonObject node, string path)
    {
        var field = SandboxBulkBody.Text(node["field"]?["api_name"]);
        var comparator = SandboxBulkBody.Text(node["comparator"])?.ToLowerInvariant();
        if (field is SandboxLeadFields.ModifiedTime or SandboxLeadFields.CreatedTime)
        {
            return comparator is not null && DateComparators.Contains(comparator)
                ? DateCondition(field, comparator, node["value"], path)
                : Invalid($"comparator for {field} must be one of {string.Join(", ", DateComparators)}", path + ".comparator");
        }

        if (field is not null && SandboxLeadFields.Writable.ContainsKey(field))
        {
            return comparator is not null && TextComparators.Contains(comparator) && SandboxBulkBody.Text(node["value"]) is { } text
                ? (TextTest(field, comparator, text), null)
                : Invalid($"comparator for {field} must be one of {string.Join(", ", TextComparators)} with a text value", path + ".comparator");
        }

        return Invalid("field.api_name must be Modified_Time, Created_Time or a writable Leads field", path + ".field.api_name");
    }

    private static (Func<SandboxLead, bool>?, IResult?) DateCondition(string field, string comparator, JsonNode? value, string path)
    {
        var values = comparator == "between" ? (value as JsonArray)?.Select(SandboxBulkBody.Text).ToList() : [SandboxBulkBody.Text(value)];
        if (values is null || values.Count != (comparator == "between" ? 2 : 1) || values.Any(v => !IsWholeSecond(v)))
        {
            return Invalid(comparator == "between"
                ? "value for between must be an array of two ISO 8601 date-times with an offset and no milliseconds"
                : "value must be an ISO 8601 date-time with an offset and no milliseconds, e.g. 2024-05-01T10:20:30+05:30", path + ".value");
        }

        var times = values.Select(v => SandboxClock.Parse(v)!.Value).ToArray();
        Func<SandboxLead, DateTimeOffset> of = field == SandboxLeadFields.ModifiedTime ? l => l.ModifiedTime : l => l.CreatedTime;
        Func<DateTimeOffset, bool> test = comparator switch
        {
            "equal" => t => t == times[0],
            "not_equal" => t => t != times[0],
            "greater_than" => t => t > times[0],
            "greater_equal" => t => t >= times[0],
            "less_than" => t => t < times[0],
            "less_equal" => t => t <= times[0],
            _ => t => t >= times[0] && t <= times[1],
        };
        return (lead => test(of(lead)), null);
    }

    private static Func<SandboxLead, bool> TextTest(string field, string comparator, string value)
    {
        var wanted = value == "${EMPTY}" ? string.Empty : value;
        return lead =>
        {
            var actual = SandboxLeadValidator.ValueOf(lead, field) ?? string.Empty;
            return comparator switch
            {
                "equal" => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase),
                "not_equal" => !string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase),
                "contains" => actual.Contains(wanted, StringComparison.OrdinalIgnoreCase),
                "starts_with" => actual.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
                _ => actual.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            };
        };
    }

    /// <summary>§6.1: date-time values must carry no milliseconds.</summary>
    private static bool IsWholeSecond(string? value)
    {
        if (SandboxClock.Parse(value) is null)
        {
            return false;
        }

        var t = value!.IndexOf('T', StringComparison.Ordinal);
        return t < 0 || t + 9 >= value.Length || value[t + 9] is not ('.' or ',');
    }

    private static (Func<SandboxLead, bool>?, IResult?) Invalid(string message, string jsonPath) =>
        (null, SandboxBulkBody.Invalid("INVALID_QUERY", message, "criteria", jsonPath));
}
