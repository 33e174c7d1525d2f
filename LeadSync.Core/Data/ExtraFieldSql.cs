using System.Linq.Expressions;
using LeadSync.Core.Fields.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadSync.Core.Data;

/// <summary>
/// Reading one value out of a lead's extra-field JSON inside a query (grid filters and sorts on mapped fields): EF Core
/// functions translated per provider — SQLite's <c>json_extract</c>/<c>json_type</c> with a JSON path, PostgreSQL's
/// <c>jsonb_extract_path_text</c>/<c>jsonb_typeof</c> with the key. The key is always a query parameter (the field's API
/// name from Zoho's metadata, never spliced into SQL); <see cref="Leads.FieldFilters.FieldFilterQuery.KeyOf"/> makes it.
/// Containment filters on PostgreSQL use Npgsql's <c>EF.Functions.JsonContains</c> (<c>@&gt;</c>) instead, which the
/// GIN index answers.
/// </summary>
public static class ExtraFieldSql
{
    /// <summary>The value as text (a string's text; SQLite gives numbers and booleans as numbers, arrays as JSON).</summary>
    public static string? Text(LeadFieldValues values, string key) => throw Direct();

    /// <summary>The value's JSON type name as the provider spells it (SQLite: integer, real, text, true, false, array; PostgreSQL: number, string, boolean, array); null when absent.</summary>
    public static string? JsonType(LeadFieldValues values, string key) => throw Direct();

    /// <summary>The value as a number; only meaningful where <see cref="JsonType"/> says it is one.</summary>
    public static double? Number(LeadFieldValues values, string key) => throw Direct();

    internal static void MapSqlite(ModelBuilder builder)
    {
        Map(builder, nameof(Text), a => Call("json_extract", a, typeof(string), a[1].TypeMapping));
        Map(builder, nameof(JsonType), a => Call("json_type", a, typeof(string), a[1].TypeMapping));
        Map(builder, nameof(Number), a => Call("json_extract", a, typeof(double), null));
    }

    internal static void MapPostgres(ModelBuilder builder)
    {
        Map(builder, nameof(Text), a => Call("jsonb_extract_path_text", a, typeof(string), a[1].TypeMapping));
        Map(builder, nameof(JsonType), a => Call("jsonb_typeof", [Call("jsonb_extract_path", a, typeof(string), a[0].TypeMapping)], typeof(string), a[1].TypeMapping));
        // float8(text) is PostgreSQL's function-style cast; callers guard it with JsonType = 'number'.
        Map(builder, nameof(Number), a => Call("float8", [Call("jsonb_extract_path_text", a, typeof(string), a[1].TypeMapping)], typeof(double), null));
    }

    /// <summary>Lets a <see cref="LeadFieldValues"/> column be an argument of these functions (EF needs a mapping for each parameter type).</summary>
    internal static void MapArgumentType(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.DefaultTypeMapping<LeadFieldValues>().HasConversion<ValuesAsText>();

    private static void Map(ModelBuilder builder, string name, Func<IReadOnlyList<SqlExpression>, SqlExpression> translation) =>
        builder.HasDbFunction(typeof(ExtraFieldSql).GetMethod(name)!).HasTranslation(translation);

    private static SqlFunctionExpression Call(string name, IEnumerable<SqlExpression> arguments, Type type, RelationalTypeMapping? mapping)
    {
        // Not "null only when an argument is": json_extract of a missing key is null too, so EF must not rewrite IS NULL.
        var list = arguments.ToList();
        return new SqlFunctionExpression(name, list, nullable: true, argumentsPropagateNullability: list.Select(_ => false), type, mapping);
    }

    private static InvalidOperationException Direct() => new("ExtraFieldSql functions run only inside EF Core queries.");

    private sealed class ValuesAsText() : ValueConverter<LeadFieldValues, string>(
        v => LeadFieldValuesJsonConverter.Serialize(v),
        v => LeadFieldValuesJsonConverter.Deserialize(v));
}
