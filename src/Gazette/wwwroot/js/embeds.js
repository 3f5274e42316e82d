// Video cards play in place when clicked: only then is the player loaded from the other site.
// Without scripts the card is a link to the video.
(() => {
  "use strict";
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.(".embed[data-embed-src] .embed-link");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    const card = link.closest(".embed");
    const frame = document.createElement("iframe");
    frame.src = card.dataset.embedSrc;
    frame.title = card.dataset.embedTitle || "Video";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    event.preventDefault();
    card.classList.add("playing");
    link.replaceWith(frame);
    frame.focus();
  });
})();
