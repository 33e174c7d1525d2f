namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>The unit the pull interval is entered in.</summary>
public enum IntervalUnit
{
    Seconds,
    Minutes,
    Hours,
}
