// MudDataGrid names every column's sort button "Sort" (one localized string, no column in it), so a screen reader
// hears nine identical buttons. This names each after its column ("Sort by Email") whenever a grid header is
// rendered or re-rendered. Blazor leaves the attribute alone afterwards: its own value ("Sort") does not change.
(function () {
    function label(root) {
        root.querySelectorAll('.mud-data-grid th .column-header').forEach(function (header) {
            var button = header.querySelector('.sort-direction-icon');
            var title = header.querySelector('.sortable-column-header');
            if (!button || !title) {
                return;
            }

            var name = 'Sort by ' + title.textContent.trim();
            if (button.getAttribute('aria-label') !== name) {
                button.setAttribute('aria-label', name);
            }
        });
    }

    function start() {
        label(document);
        new MutationObserver(function () { label(document); })
            .observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
