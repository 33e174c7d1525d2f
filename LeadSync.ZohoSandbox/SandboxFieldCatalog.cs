using System.Text.Json;
using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox org's Lead field metadata (docs/zoho §2.12): served by <c>GET /settings/fields</c>, checked on every
/// record write, and changed the way a Zoho admin changes it — add a custom field, rename, edit a picklist, and the
/// changes that break an integration (delete, retype, remove a picklist value, make mandatory). Kept in memory and
/// written through to the sandbox file (one JSON value), starting from <see cref="SandboxStandardFields"/>.
/// </summary>
public sealed class SandboxFieldCatalog(SandboxDatabase database) : IDisposable
{
    private const string FlagName = "lead_fields";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim changeGate = new(1, 1);
    private volatile ZohoFieldDefinition[] fields = [.. SandboxStandardFields.All];
    private volatile ZohoFieldDefinition[] extras = [.. SandboxStandardFields.All.Where(SandboxExtraFields.IsExtra)];

    /// <summary>Raised after every change (the sandbox page refreshes).</summary>
    public event Action? Changed;

    /// <summary>Every field, in the org's order (a snapshot: never changed in place).</summary>
    public IReadOnlyList<ZohoFieldDefinition> All => fields;

    /// <summary>The fields whose values a lead holds beside the six core ones (<see cref="SandboxExtraFields.IsExtra"/>).</summary>
    public IReadOnlyList<ZohoFieldDefinition> Extras => extras;

    public ZohoFieldDefinition? Find(string apiName) => fields.FirstOrDefault(f => string.Equals(f.ApiName, apiName, StringComparison.Ordinal));

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await database.GetFlagAsync(FlagName, cancellationToken);
        var loaded = stored is null ? null : JsonSerializer.Deserialize<List<ZohoFieldDefinition>>(stored, Json);
        Set(loaded ?? [.. SandboxStandardFields.All]);
    }

    public void Dispose() => changeGate.Dispose();

    /// <summary>Adds a custom field; its API name is the label with <c>__c</c> (Zoho's convention) unless given.</summary>
    public Task<ZohoFieldDefinition> AddAsync(SandboxFieldEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var field = SandboxFieldEdits.NewField(edit);
        return ChangeAsync(list =>
        {
            if (list.Any(f => string.Equals(f.ApiName, field.ApiName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"A Lead field named {field.ApiName} exists already.");
            }

            list.Add(field);
            return field;
        }, cancellationToken);
    }

    /// <summary>Changes a field's label, kind, picklist values or mandatory flag (the members <paramref name="edit"/> sets).</summary>
    public Task<ZohoFieldDefinition> UpdateAsync(string apiName, SandboxFieldEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return ChangeAsync(list =>
        {
            var index = IndexOf(list, apiName);
            list[index] = SandboxFieldEdits.Apply(list[index], edit);
            return list[index];
        }, cancellationToken);
    }

    /// <summary>Deletes a field: its values are no longer returned or accepted (Zoho ignores unknown fields on input).</summary>
    public Task<ZohoFieldDefinition> DeleteAsync(string apiName, CancellationToken cancellationToken) => ChangeAsync(list =>
    {
        var index = IndexOf(list, apiName);
        if (SandboxStandardFields.IsProtected(list[index]))
        {
            throw new ArgumentException($"{apiName} is a core or system field: the sandbox keeps it.");
        }

        var field = list[index];
        list.RemoveAt(index);
        return field;
    }, cancellationToken);

    /// <summary>Back to the standard fields (the control API's reset).</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => ChangeAsync(list =>
    {
        list.Clear();
        list.AddRange(SandboxStandardFields.All);
        return list[0];
    }, cancellationToken);

    private void Set(List<ZohoFieldDefinition> next)
    {
        fields = [.. next];
        extras = [.. next.Where(SandboxExtraFields.IsExtra)];
    }

    private static int IndexOf(List<ZohoFieldDefinition> list, string apiName)
    {
        var index = list.FindIndex(f => string.Equals(f.ApiName, apiName, StringComparison.Ordinal));
        return index >= 0 ? index : throw new KeyNotFoundException($"The sandbox has no Lead field named {apiName}.");
    }

    private async Task<ZohoFieldDefinition> ChangeAsync(Func<List<ZohoFieldDefinition>, ZohoFieldDefinition> change, CancellationToken cancellationToken)
    {
        ZohoFieldDefinition result;
        await changeGate.WaitAsync(cancellationToken);
        try
        {
            List<ZohoFieldDefinition> next = [.. fields];
            result = change(next);
            await database.SetFlagAsync(FlagName, JsonSerializer.Serialize(next, Json), cancellationToken);
            Set(next);
        }
        finally
        {
            changeGate.Release();
        }

        Changed?.Invoke();
        return result;
    }
}
