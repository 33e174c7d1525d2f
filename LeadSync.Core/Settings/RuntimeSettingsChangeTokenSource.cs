using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LeadSync.Core.Settings;

/// <summary>Tells <c>IOptionsMonitor&lt;TOptions&gt;</c> to recompute when the stored run-time settings change.</summary>
public sealed class RuntimeSettingsChangeTokenSource<TOptions>(RuntimeSettings settings) : IOptionsChangeTokenSource<TOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => settings.GetReloadToken();
}
