// The console's light/dark choice (MainLayout's theme menu): kept in a cookie the server reads on the next page
// request, so the first paint already has the chosen palette; and the operating system's preference, asked and
// watched for the "match system" choice. Loaded as a file: the CSP allows no inline script.
window.leadsyncTheme = (function () {
    var query = window.matchMedia('(prefers-color-scheme: dark)');
    return {
        save: function (value) {
            var secure = location.protocol === 'https:' ? '; secure' : '';
            document.cookie = 'leadsync-theme=' + encodeURIComponent(value) + '; path=/; max-age=31536000; samesite=lax' + secure;
        },
        // Calls layout.OnSystemDarkModeChanged(bool) on every change; returns whether the system is dark now.
        watch: function (layout) {
            query.addEventListener('change', function (e) {
                layout.invokeMethodAsync('OnSystemDarkModeChanged', e.matches).catch(function () { });
            });
            return query.matches;
        }
    };
})();
