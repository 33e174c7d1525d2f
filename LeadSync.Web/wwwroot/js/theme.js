// Remembers the console's light/dark choice (MainLayout's theme menu) in a cookie the server reads on the next page
// request, so the first paint already has the chosen palette. Loaded as a file: the CSP allows no inline script.
window.leadsyncTheme = {
    save: function (value) {
        var secure = location.protocol === 'https:' ? '; secure' : '';
        document.cookie = 'leadsync-theme=' + encodeURIComponent(value) + '; path=/; max-age=31536000; samesite=lax' + secure;
    }
};
