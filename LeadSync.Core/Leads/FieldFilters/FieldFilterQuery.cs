using System.Linq.Expressions;
using System.Text.Json;
using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// Extra-field filters and sorts as SQL on both databases (docs/extra-fields.md). PostgreSQL answers picklist, boolean
/// and multi-select filters by jsonb containment (<c>"ExtraFields" @&gt; '{"Industry":"Retail"}'</c>), which the GIN
/// index <c>IX_Leads_ExtraFields_path</c> serves; SQLite reads the value with <c>json_extract</c>. Every value and key
/// travels as a query parameter. Numbers are read only where the stored JSON holds a number (a CASE, so a value Zoho
/// retyped never breaks the cast); leads without a value sort last in either direction.
/// </summary>
internal static class FieldFilterQuery
{
    /// <summary>The key <see cref="ExtraFieldSql"/> takes for a field: a JSON path on SQLite, the API name on PostgreSQL.</summary>
    public static string KeyOf(LeadSyncDbContext db, string apiName) =>
        db.Provider == DatabaseProvider.Sqlite ? "$.\"" + apiName + "\"" : apiName;

    public static IQueryable<Lead> Apply(LeadSyncDbContext db, IQueryable<Lead> query, IEnumerable<FieldFilter> filters)
    {
        foreach (var filter in filters)
        {
            query = filter.Kind switch
            {
                FieldFilterKind.TextContains => TextContains(db, query, filter),
                FieldFilterKind.NumberRange => NumberRange(db, query, filter),
                FieldFilterKind.DateRange => DateRange(db, query, filter),
                FieldFilterKind.OneOf => OneOf(db, query, filter),
                FieldFilterKind.ContainsAll => ContainsAll(db, query, filter),
                FieldFilterKind.Boolean => Boolean(db, query, filter),
                _ => query,
            };
        }

        return query;
    }

    /// <summary>Orders by the field's value (nulls last either way), then by id.</summary>
    public static IQueryable<Lead> Sort(LeadSyncDbContext db, IQueryable<Lead> query, FieldSort sort, bool descending)
    {
        var key = KeyOf(db, sort.ApiName);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        return FieldFilterKinds.For(sort.Type) switch
        {
            FieldFilterKind.NumberRange => Order(query, NumberOf(db, key), descending),
            // SQLite's json_extract gives a boolean as 0/1 and its json_type as 'false'/'true': either sorts false first.
            FieldFilterKind.Boolean when sqlite => Order(query, l => ExtraFieldSql.JsonType(l.ExtraFields, key), descending),
            _ => Order(query, l => ExtraFieldSql.Text(l.ExtraFields, key), descending),
        };
    }

    private static IQueryable<Lead> TextContains(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        var key = KeyOf(db, filter.ApiName);
        var pattern = "%" + EscapeLike(filter.Text ?? string.Empty) + "%";
        return db.Provider == DatabaseProvider.Postgres
            ? query.Where(l => EF.Functions.ILike(ExtraFieldSql.Text(l.ExtraFields, key)!, pattern, "\\"))
            : query.Where(l => EF.Functions.Like(ExtraFieldSql.Text(l.ExtraFields, key), pattern, "\\"));
    }

    private static IQueryable<Lead> NumberRange(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        var value = NumberOf(db, KeyOf(db, filter.ApiName));
        var parameter = value.Parameters[0];
        Expression body = Expression.NotEqual(value.Body, Expression.Constant(null, typeof(double?)));
        foreach (var (bound, below) in new[] { (filter.Min, false), (filter.Max, true) })
        {
            if (bound is { } b)
            {
                // A closure, so the bound is a parameter of the statement.
                var limit = Expression.Property(Expression.Constant(new Bound((double?)b)), nameof(Bound.Value));
                var compare = below ? Expression.LessThanOrEqual(value.Body, limit) : Expression.GreaterThanOrEqual(value.Body, limit);
                body = Expression.AndAlso(body, compare);
            }
        }

        return query.Where(Expression.Lambda<Func<Lead, bool>>(body, parameter));
    }

    private static IQueryable<Lead> DateRange(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        // Dates (yyyy-MM-dd) and date-times (yyyy-MM-ddTHH:mm:ss+00:00, UTC) are stored in forms that sort as text.
        var key = KeyOf(db, filter.ApiName);
        query = query.Where(l => ExtraFieldSql.Text(l.ExtraFields, key) != null);
        if (filter.From is { } from)
        {
            var first = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(l => string.Compare(ExtraFieldSql.Text(l.ExtraFields, key), first) >= 0);
        }

        if (filter.To is { } to)
        {
            var after = to.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(l => string.Compare(ExtraFieldSql.Text(l.ExtraFields, key), after) < 0);
        }

        return query;
    }

    private static IQueryable<Lead> OneOf(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var key = KeyOf(db, filter.ApiName);
            var values = filter.Values.ToList();
            return query.Where(l => values.Contains(ExtraFieldSql.Text(l.ExtraFields, key)!));
        }

        var any = filter.Values.Select(v => Contains(Json(filter.ApiName, v))).Aggregate(AnyOf);
        return query.Where(any);
    }

    private static IQueryable<Lead> ContainsAll(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return query.Where(Contains(Json(filter.ApiName, filter.Values)));
        }

        var key = KeyOf(db, filter.ApiName);
        foreach (var value in filter.Values)
        {
            var holding = db.Leads.FromSql(
                $"""SELECT * FROM "Leads" WHERE EXISTS (SELECT 1 FROM json_each("Leads"."ExtraFields", {key}) WHERE json_each."value" = {value})""");
            query = query.Where(l => holding.Any(h => h.Id == l.Id));
        }

        return query;
    }

    private static IQueryable<Lead> Boolean(LeadSyncDbContext db, IQueryable<Lead> query, FieldFilter filter)
    {
        var key = KeyOf(db, filter.ApiName);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return filter.Choice == BooleanChoice.Empty
                ? query.Where(l => !EF.Functions.JsonExists(l.ExtraFields, key))
                : query.Where(Contains(Json(filter.ApiName, filter.Choice == BooleanChoice.Yes)));
        }

        var type = filter.Choice switch { BooleanChoice.Yes => "true", BooleanChoice.No => "false", _ => null };
        return type is null
            ? query.Where(l => ExtraFieldSql.JsonType(l.ExtraFields, key) == null)
            : query.Where(l => ExtraFieldSql.JsonType(l.ExtraFields, key) == type);
    }

    /// <summary>The value as a number where the JSON holds one, else null (never a failed cast).</summary>
    private static Expression<Func<Lead, double?>> NumberOf(LeadSyncDbContext db, string key) =>
        db.Provider == DatabaseProvider.Postgres
            ? l => ExtraFieldSql.JsonType(l.ExtraFields, key) == "number" ? ExtraFieldSql.Number(l.ExtraFields, key) : null
            : l => ExtraFieldSql.JsonType(l.ExtraFields, key) == "integer" || ExtraFieldSql.JsonType(l.ExtraFields, key) == "real"
                ? ExtraFieldSql.Number(l.ExtraFields, key) : null;

    private static Expression<Func<Lead, bool>> Contains(string json) => l => EF.Functions.JsonContains(l.ExtraFields, json);

    private static string Json<T>(string apiName, T value) => JsonSerializer.Serialize(new Dictionary<string, T> { [apiName] = value });

    private static Expression<Func<Lead, bool>> AnyOf(Expression<Func<Lead, bool>> left, Expression<Func<Lead, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Lead, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private static IQueryable<Lead> Order<T>(IQueryable<Lead> query, Expression<Func<Lead, T>> value, bool descending)
    {
        var missing = Expression.Lambda<Func<Lead, bool>>(
            Expression.Equal(value.Body, Expression.Constant(null, typeof(T))), value.Parameters);
        var ordered = query.OrderBy(missing);
        ordered = descending ? ordered.ThenByDescending(value) : ordered.ThenBy(value);
        return descending ? ordered.ThenByDescending(l => l.Id) : ordered.ThenBy(l => l.Id);
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record Bound(double? Value);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
