using System.Globalization;
using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// The reference model's memory of one sequence: every field written and every delete, who holds which identity, and a
/// readable trace of what ran. Written values are unique, so a value names its write; a write "saw" the writes on the
/// chain of values it replaced (<see cref="Chain"/>).
/// Identities: each lead or record a person created starts one; the sync engine's links (a lead's Zoho id) join them,
/// and a lead or record the engine created joins the identity its email came from.
/// </summary>
internal sealed class ModelLog
{
    private readonly List<ModelWrite> writes = [];
    private readonly Dictionary<(string Field, string Value), ModelWrite> byValue = [];
    private readonly List<ModelDelete> deletes = [];
    private readonly Dictionary<string, string> parent = new(StringComparer.Ordinal);
    private readonly HashSet<string> createdByHarness = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);
    private readonly List<string> trace = [];
    private readonly List<string> unknownValues = [];
    private int step;
    private int number;

    public IReadOnlyList<ModelWrite> Writes => writes;

    public IReadOnlyList<ModelDelete> Deletes => deletes;

    public IReadOnlyList<string> Trace => trace;

    /// <summary>Values seen on either side that no person wrote (invariant 4), as they were first seen.</summary>
    public IReadOnlyList<string> UnknownValues => unknownValues;

    public int NextNumber() => ++number;

    public int NextStep() => ++step;

    public bool IsUsed(string field, string value) => byValue.ContainsKey((field, value));

    public void Note(string line) => trace.Add(line);

    public static string LocalKey(Guid id) => "L:" + id.ToString("N");

    public static string ZohoKey(long id) => "Z:" + id.ToString(CultureInfo.InvariantCulture);

    public static string? ZohoKey(string? id) => id is null ? null : "Z:" + id;

    /// <summary>A short name for traces: L1, L2… for local leads, Z1, Z2… for Zoho records, in order of first sight.</summary>
    public string Label(string entity)
    {
        if (!labels.TryGetValue(entity, out var label))
        {
            var side = entity[0];
            label = $"{side}{labels.Keys.Count(k => k[0] == side) + 1}";
            labels[entity] = label;
        }

        return label;
    }

    /// <summary>Records a person's create: six root writes, the start of an identity.</summary>
    public void Created(ModelSide side, string entity, LeadFields fields, DateTimeOffset at)
    {
        createdByHarness.Add(entity);
        Find(entity);
        var s = NextStep();
        foreach (var field in ModelValues.Fields)
        {
            Add(new ModelWrite(s, side, entity, field, fields.Get(field)!, null, at));
        }
    }

    /// <summary>Records a person's edit of the fields that changed (from <paramref name="before"/> to <paramref name="after"/>).</summary>
    public void Edited(ModelSide side, string entity, LeadFields before, LeadFields after, DateTimeOffset at)
    {
        var s = NextStep();
        foreach (var field in ModelValues.Fields)
        {
            var (old, value) = (before.Get(field), after.Get(field));
            if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                Add(new ModelWrite(s, side, entity, field, value!, old, at));
            }
        }
    }

    /// <summary>Records a person's delete of a lead or record that held <paramref name="fields"/>.</summary>
    public void Deleted(ModelSide side, string entity, LeadFields fields) => deletes.Add(new ModelDelete(
        NextStep(), side, entity, [.. ModelValues.Fields.Select(f => WriteOf(f, fields.Get(f))).OfType<ModelWrite>()]));

    /// <summary>True when the delete saw <paramref name="write"/>: it came before and the deleted lead held it (or a value written after seeing it).</summary>
    public bool DeleteSaw(ModelDelete delete, ModelWrite write) =>
        write.Step < delete.Step && delete.Held.Any(held => held.Field == write.Field && Saw(held, write));

    /// <summary>
    /// Looks at a lead or record as it is now: links it to the record it is linked to, joins an engine-made one to the
    /// identity its email came from, and notes any value nobody wrote.
    /// </summary>
    public void Observe(string entity, LeadFields fields, string? linkedTo, string where)
    {
        Find(entity);
        if (linkedTo is not null)
        {
            Union(entity, linkedTo);
        }

        foreach (var field in ModelValues.Fields)
        {
            var value = fields.Get(field);
            var source = value is null ? null : WriteOf(field, value);
            if (source is null)
            {
                var line = $"{where}: {Label(entity)} holds {field}='{value ?? "∅"}', which nobody wrote";
                if (!unknownValues.Contains(line))
                {
                    unknownValues.Add(line);
                }

                continue;
            }

            if (field == "Email" && !createdByHarness.Contains(entity))
            {
                Union(entity, source.Entity);
            }
        }
    }

    public ModelWrite? WriteOf(string field, string? value) =>
        value is not null && byValue.TryGetValue((field, value), out var write) ? write : null;

    /// <summary>The write and the writes it saw: the chain of values each replaced.</summary>
    public IEnumerable<ModelWrite> Chain(ModelWrite write)
    {
        var seen = new HashSet<ModelWrite>();
        for (var current = write; current is not null && seen.Add(current); current = WriteOf(current.Field, current.Prev))
        {
            yield return current;
        }
    }

    public bool Saw(ModelWrite later, ModelWrite earlier) => Chain(later).Contains(earlier);

    public string Identity(string entity) => Find(entity);

    public bool SameIdentity(string a, string b) => string.Equals(Find(a), Find(b), StringComparison.Ordinal);

    public IEnumerable<string> Entities => parent.Keys;

    private void Add(ModelWrite write)
    {
        writes.Add(write);
        byValue[(write.Field, write.Value)] = write;
    }

    private string Find(string entity)
    {
        if (!parent.TryGetValue(entity, out var p))
        {
            parent[entity] = entity;
            return entity;
        }

        if (string.Equals(p, entity, StringComparison.Ordinal))
        {
            return entity;
        }

        var root = Find(p);
        parent[entity] = root;
        return root;
    }

    private void Union(string a, string b)
    {
        var (x, y) = (Find(a), Find(b));
        if (!string.Equals(x, y, StringComparison.Ordinal))
        {
            parent[y] = x;
        }
    }
}
