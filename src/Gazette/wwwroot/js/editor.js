// The article editor's helpers: live preview, word count, autosave and tag suggestions.
// Everything here is an addition: without JavaScript the editor still saves, publishes and
// shows the counts from the server.
(() => {
  "use strict";

  const form = document.getElementById("article-editor");
  if (!form) return;

  const body = form.querySelector("[name='Form.Body']");
  const excerpt = form.querySelector("[name='Form.Excerpt']");
  const tags = form.querySelector("[name='Form.Tags']");
  const previewSection = form.querySelector(".compose-preview");
  const previewBody = document.getElementById("preview-body");
  const words = form.querySelector("[data-words]");
  const minutes = form.querySelector("[data-minutes]");
  const status = document.getElementById("autosave-status");
  const storageKey = form.dataset.storageKey;
  const savedAt = form.dataset.savedAt ? Date.parse(form.dataset.savedAt) : 0;
  const autosaveEvery = 5000;

  const headers = { "X-Requested-With": "XMLHttpRequest" };
  const token = () => form.querySelector("[name='__RequestVerificationToken']").value;
  const clock = (date) => date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  // The fields as they stand, without the file input (an upload is never autosaved).
  function fields() {
    const data = new FormData(form);
    data.delete("FeaturedImage");
    return data;
  }

  function fieldsAsObject() {
    const values = {};
    for (const [name, value] of fields()) {
      if (name === "__RequestVerificationToken") continue;
      (values[name] ??= []).push(value);
    }
    return values;
  }

  function restoreFields(values) {
    for (const element of form.elements) {
      if (!element.name || element.type === "file" || element.name === "__RequestVerificationToken") continue;
      const stored = values[element.name] ?? [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = stored.includes(element.value);
      } else if (element.type !== "submit" && element.type !== "hidden") {
        element.value = stored[0] ?? "";
      }
    }
  }

  // ---- Live preview -------------------------------------------------------------------------
  let previewTimer;
  let previewRequest = 0;

  async function refreshPreview() {
    const request = ++previewRequest;
    const data = new FormData();
    data.append("Form.Body", body.value);
    data.append("__RequestVerificationToken", token());
    try {
      const response = await fetch(form.dataset.previewUrl, { method: "POST", body: data, headers, credentials: "same-origin" });
      if (!response.ok || request !== previewRequest) return;
      const preview = await response.json();
      // The server renders with the public page's pipeline and sanitiser.
      previewBody.innerHTML = preview.html;
      words.textContent = preview.words;
      minutes.textContent = preview.readingMinutes;
      excerpt.placeholder = preview.suggestedExcerpt;
    } catch {
      // Offline for a moment: the next keystroke tries again.
    }
  }

  // The page arrives with the preview of what it holds; it is fetched again only as the text changes.
  previewSection.hidden = false;
  form.classList.add("with-preview");
  body.addEventListener("input", () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
  });

  // ---- Autosave -----------------------------------------------------------------------------
  let dirty = false;
  let saving = false;

  function keepInBrowser() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ at: Date.now(), fields: fieldsAsObject() }));
    } catch {
      // Storage full or disabled: the server copy still works.
    }
  }

  async function autosave() {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    try {
      const response = await fetch(form.dataset.autosaveUrl, { method: "POST", body: fields(), headers, credentials: "same-origin" });
      if (response.ok) {
        const result = await response.json();
        status.textContent = `Draft copy kept at ${clock(new Date(result.savedAt))}.`;
        status.classList.remove("problem");
      } else {
        dirty = true;
        status.textContent = response.status === 401
          ? "You are signed out, so changes are kept only in this browser. Sign in again in another tab; nothing is lost."
          : "Could not keep a copy on the server just now; changes are kept in this browser.";
        status.classList.add("problem");
      }
    } catch {
      dirty = true;
      status.textContent = "Offline: changes are kept in this browser until the connection is back.";
      status.classList.add("problem");
    } finally {
      saving = false;
    }
  }

  form.addEventListener("input", () => { dirty = true; keepInBrowser(); });
  form.addEventListener("change", () => { dirty = true; keepInBrowser(); });
  setInterval(autosave, autosaveEvery);

  let submitting = false;
  form.addEventListener("submit", () => { submitting = true; });
  window.addEventListener("pagehide", () => {
    if (dirty && !submitting) navigator.sendBeacon(form.dataset.autosaveUrl, fields());
  });

  // A copy in this browser newer than anything the server has (the tab closed while offline,
  // or the session ran out): offer it back.
  function offerBrowserCopy() {
    let copy;
    try {
      copy = JSON.parse(localStorage.getItem(storageKey) ?? "null");
    } catch {
      copy = null;
    }
    if (!copy) return;
    const current = JSON.stringify(fieldsAsObject());
    if (copy.at <= savedAt || JSON.stringify(copy.fields) === current) {
      localStorage.removeItem(storageKey);
      return;
    }
    const offer = document.createElement("div");
    offer.className = "notice autosave-offer";
    offer.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = `This browser kept changes from ${clock(new Date(copy.at))} that were not saved.`;
    const buttons = document.createElement("p");
    const restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Restore them";
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary";
    discard.textContent = "Discard them";
    buttons.append(restore, " ", discard);
    offer.append(text, buttons);
    form.before(offer);
    restore.addEventListener("click", () => {
      restoreFields(copy.fields);
      offer.remove();
      dirty = true;
      refreshPreview();
      body.focus();
    });
    discard.addEventListener("click", () => {
      localStorage.removeItem(storageKey);
      offer.remove();
    });
  }
  offerBrowserCopy();

  // ---- Tag suggestions ----------------------------------------------------------------------
  const suggestions = document.getElementById("tag-suggestions");
  let tagTimer;
  tags.addEventListener("input", () => {
    clearTimeout(tagTimer);
    tagTimer = setTimeout(async () => {
      const parts = tags.value.split(",");
      const typing = parts.pop().trim();
      const before = parts.map((p) => p.trim()).filter(Boolean);
      suggestions.replaceChildren();
      if (!typing) return;
      const url = new URL(form.dataset.tagsUrl, location.href);
      url.searchParams.set("q", typing);
      try {
        const response = await fetch(url, { headers, credentials: "same-origin" });
        if (!response.ok) return;
        for (const name of await response.json()) {
          if (before.includes(name)) continue;
          const option = document.createElement("option");
          option.value = [...before, name].join(", ");
          option.label = name;
          suggestions.append(option);
        }
      } catch {
        // No suggestions this time.
      }
    }, 200);
  });
})();
