// The editor's publish button says "Schedule" while the chosen time is still to come. The server
// decides either way when the form is sent; this only keeps the label honest while a time is typed.
(() => {
    const input = document.querySelector("input[data-site-now]");
    const button = document.querySelector("button[data-label-later]");
    if (!input || !button) {
        return;
    }
    // Both times are the site's wall-clock times: compare them as if both were UTC.
    const siteNowAtLoad = Date.parse(input.dataset.siteNow + "Z");
    const loadedAt = Date.now();
    const relabel = () => {
        const chosen = input.value ? Date.parse(input.value + "Z") : NaN;
        const later = chosen > siteNowAtLoad + (Date.now() - loadedAt);
        button.textContent = later ? button.dataset.labelLater : button.dataset.labelNow;
    };
    input.addEventListener("input", relabel);
    input.addEventListener("change", relabel);
    relabel();
})();
