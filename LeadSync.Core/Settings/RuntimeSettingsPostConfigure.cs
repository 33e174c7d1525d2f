using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Settings;

/// <summary>Binds the stored run-time settings of one section over the options bound from configuration.</summary>
public sealed class RuntimeSettingsPostConfigure<TOptions>(RuntimeSettings settings, string sectionName) : IPostConfigureOptions<TOptions>
    where TOptions : class
{
    public void PostConfigure(string? name, TOptions options)
    {
        if (name == Options.DefaultName)
        {
            settings.Values.GetSection(sectionName).Bind(options);
        }
    }
}
