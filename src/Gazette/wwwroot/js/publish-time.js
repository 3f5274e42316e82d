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
    // The day, month and year come in the site's order (data-order, like "dmy"); an ISO time is read too.
    const order = input.dataset.order || "dmy";
    const parse = (text) => {
        const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})\s*$/.exec(text);
        let parts;
        if (iso) {
            parts = { y: iso[1], m: iso[2], d: iso[3], h: iso[4], min: iso[5] };
        } else {
            const numbers = text.match(/\d+/g);
            if (!numbers || numbers.length < 5) return NaN;
            parts = { h: numbers[3], min: numbers[4] };
            [...order].forEach((part, i) => { parts[part] = numbers[i]; });
        }
        return Date.UTC(+parts.y, +parts.m - 1, +parts.d, +parts.h, +parts.min);
    };
    const relabel = () => {
        const chosen = input.value ? parse(input.value) : NaN;
        const later = chosen > siteNowAtLoad + (Date.now() - loadedAt);
        button.textContent = later ? button.dataset.labelLater : button.dataset.labelNow;
    };
    input.addEventListener("input", relabel);
    input.addEventListener("change", relabel);
    relabel();
})();
