using LeadSync.Core.Data;
using LeadSync.Core.Jobs;
using LeadSync.Web;
using LeadSync.Web.Api;
using LeadSync.Web.Components;
using LeadSync.Web.Configuration;
using LeadSync.Web.Operations;
using LeadSync.Web.Realtime;
using LeadSync.Web.Security;
using LeadSync.Web.Transfer;
using LeadSync.Web.Webhooks;
using LeadSync.ZohoSandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddRootDevelopmentSettings();
builder.AddLeadSyncWeb();

var app = builder.Build();

if (args.Contains("--migrate"))
{
    // Production: apply migrations as a separate step, then exit (see README).
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    return;
}

app.UseLeadSyncSecurityHeaders();
app.UseLeadSyncForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.Services.UseLeadSyncSchedule();
app.UseLeadSyncApiCallMetrics();
// Machine endpoints (REST API, the sandbox's Zoho API, webhooks, SignalR) answer with their own status codes, never a page.
app.UseWhen(
    c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/sandbox/zoho")
        && !c.Request.Path.StartsWithSegments("/webhooks") && !c.Request.Path.StartsWithSegments("/hubs"),
    b => b.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
// Routing after the status-code pages, so a re-executed /not-found finds its page (routing before would leave it blank).
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiRateLimit();
app.UseLeadSyncApiBodyLimit();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapZohoSandbox();
app.MapLeadSyncOperations();
app.MapLeadSyncApi();
app.MapZohoWebhooks();
app.MapBulkWriteCallbacks();
app.MapLeadSyncAccount();
app.MapLeadExport();
app.MapLeadImport();
app.MapLeadSyncRealtime();
// The full Content-Security-Policy (SecurityHeaders) already says frame-ancestors 'self'; Blazor would append a second policy.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
