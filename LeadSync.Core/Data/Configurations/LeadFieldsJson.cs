using System.Text.Json;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

/// <summary>
/// How a set of lead values is stored in one column (JSON): the agreed snapshot and a create's first attempt, and a lead's
/// extra field values (typed JSON; <c>jsonb</c> on PostgreSQL, set by <see cref="PostgresLeadSyncDbContext"/>).
/// </summary>
internal static class LeadFieldsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new LeadFieldsJsonConverter() } };

    public static PropertyBuilder<LeadFields?> AsJson(this PropertyBuilder<LeadFields?> property) =>
        property.HasConversion(
            v => v == null ? null : JsonSerializer.Serialize(v, Options),
            v => v == null ? null : JsonSerializer.Deserialize<LeadFields>(v, Options),
            new ValueComparer<LeadFields?>((a, b) => Equals(a, b), v => v == null ? 0 : v.GetHashCode(), v => v));

    public static PropertyBuilder<LeadFieldValues> AsJson(this PropertyBuilder<LeadFieldValues> property) =>
        property.HasConversion(
            v => LeadFieldValuesJsonConverter.Serialize(v),
            v => LeadFieldValuesJsonConverter.Deserialize(v),
            new ValueComparer<LeadFieldValues>((a, b) => Equals(a, b), v => v.GetHashCode(), v => v));
}
