using LeadSync.Core;
using LeadSync.Web.Api;
using LeadSync.Web.Demo;
using LeadSync.Web.Operations;
using LeadSync.Web.Realtime;
using LeadSync.Web.Security;
using LeadSync.ZohoSandbox;
using MudBlazor;
using MudBlazor.Services;

namespace LeadSync.Web;

/// <summary>The web host's services: Core, the Blazor console and its helpers.</summary>
internal static class WebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddLeadSyncWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // First hosted service, registered before Core's (Coravel's scheduler among them): migrations run before anything
        // else starts (Data Protection loads its key ring from the database, the scheduled jobs read sync tables, and
        // the admin seeder needs the Identity tables).
        services.AddHostedService<StartupTasks>();
        services.AddLeadSyncCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Snackbars bottom left: never over the Leads page's New lead button (top right) or the pager (bottom right).
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft);
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddZohoSandbox(builder.Environment.ContentRootPath);
        services.AddLeadSyncRealtime(builder.Configuration);
        services.AddLeadSyncSecurity().AddLeadSyncApi().AddLeadSyncOperationsEndpoints();
        services.AddLeadSyncKeyRingProtection(builder.Configuration, builder.Environment);
        builder.AddLeadSyncObservability();
        return builder;
    }
}
