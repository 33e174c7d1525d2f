namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Tests that read <c>/metrics</c> run alone. Each test app creates its meters under the same names, and OpenTelemetry
/// merges same-named instruments of live apps into one stream — which stops when any of those apps is disposed
/// (open-telemetry/opentelemetry-dotnet#6412). One app per process, as in production, is not affected.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeters
{
    public const string Name = "Process-wide meters";
}
