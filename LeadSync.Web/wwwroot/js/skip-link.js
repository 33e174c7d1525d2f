// The layout's "Skip to content" link: moves the keyboard focus to the page's main content. Handled here rather than
// by the browser's fragment navigation because Blazor resolves "#main-content" against <base href="/"> and would
// navigate to the dashboard; this runs before Blazor's own link handling, with or without a circuit.
document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
    if (!link) {
        return;
    }

    var target = document.getElementById('main-content');
    if (target) {
        event.preventDefault();
        event.stopPropagation();
        target.focus();
        target.scrollIntoView();
    }
}, true);
