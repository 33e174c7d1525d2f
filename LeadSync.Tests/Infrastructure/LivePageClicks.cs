using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Clicks on a page that re-renders on its own (a live feed's reload): the element is found and clicked on the
/// renderer's dispatcher, so no render can come between the two and leave the click on an event handler that has gone
/// (bUnit's <c>UnknownEventHandlerIdException</c>).
/// </summary>
public static class LivePageClicks
{
    /// <summary>Finds the element <paramref name="find"/> picks in <paramref name="page"/> and clicks it, as one step.</summary>
    public static void ClickLive<TComponent>(this IRenderedComponent<TComponent> page, Func<IRenderedComponent<TComponent>, IElement> find)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(find);
        page.InvokeAsync(() => find(page).Click()).GetAwaiter().GetResult();
    }

    /// <summary>Finds <paramref name="selector"/> in <paramref name="page"/> and clicks it, as one step.</summary>
    public static void ClickLive<TComponent>(this IRenderedComponent<TComponent> page, string selector)
        where TComponent : IComponent =>
        page.ClickLive(p => p.Find(selector));
}
