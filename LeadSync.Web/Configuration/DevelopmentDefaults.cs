using Microsoft.Extensions.Configuration.Json;

namespace LeadSync.Web.Configuration;

/// <summary>
/// Loads the repository-root <c>appsettings.Development.json</c> (the one copy of the development defaults) in the
/// Development environment, in the place the default host would load <c>appsettings.Development.json</c>, so
/// user secrets, environment variables and the command line still override it.
/// </summary>
internal static class DevelopmentDefaults
{
    public static void AddRootDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var candidates = new[]
        {
            Path.Combine(builder.Environment.ContentRootPath, "..", "appsettings.Development.json"),
            Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"),
        };
        var path = candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return;
        }

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var environmentFile = sources.OfType<JsonConfigurationSource>()
            .LastOrDefault(s => string.Equals(s.Path, $"appsettings.{builder.Environment.EnvironmentName}.json", StringComparison.OrdinalIgnoreCase));
        var index = environmentFile is null ? 0 : sources.IndexOf(environmentFile) + 1;
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(index, source);
    }
}
