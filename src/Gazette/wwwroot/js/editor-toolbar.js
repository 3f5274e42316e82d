// The editor's toolbar: Markdown by buttons and keyboard shortcuts, pictures from the media library,
// pictures pasted or dropped into the text (uploaded to the library), and embeds by address.
// An addition only: without scripts the text box takes Markdown as typed.
(() => {
  "use strict";

  const form = document.getElementById("article-editor");
  const body = form?.querySelector("[name='Form.Body']");
  if (!form || !body) return;

  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = isMac ? "⌘" : "Ctrl+";
  const token = () => form.querySelector("[name='__RequestVerificationToken']").value;
  const canUpload = Boolean(form.dataset.uploadUrl);

  // ---- Editing the text -----------------------------------------------------------------------
  // Through execCommand where it works, so that the browser's undo keeps each change; else by hand.
  function replaceSelection(text, selectFrom, selectTo) {
    body.focus();
    const start = body.selectionStart;
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      body.setRangeText(text, body.selectionStart, body.selectionEnd, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) {
      body.setSelectionRange(start + selectFrom, start + (selectTo ?? selectFrom));
    }
  }

  // Spaces at the edges of the selection (a double-clicked word brings one) stay outside the
  // markers: "**word **" would not be bold.
  function wrap(marker, placeholder) {
    const selected = body.value.slice(body.selectionStart, body.selectionEnd);
    const lead = selected.match(/^\s*/)[0];
    const trail = selected.slice(lead.length).match(/\s*$/)[0];
    const inner = selected.trim() || placeholder;
    replaceSelection(lead + marker + inner + marker + trail, lead.length + marker.length, lead.length + marker.length + inner.length);
  }

  // Puts prefix at the start of every line the selection touches (numbering them for "1. ").
  function prefixLines(prefix) {
    const value = body.value;
    const lineStart = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    let lineEnd = value.indexOf("\n", body.selectionEnd);
    if (lineEnd < 0) lineEnd = value.length;
    body.setSelectionRange(lineStart, lineEnd);
    const lines = value.slice(lineStart, lineEnd).split("\n");
    const text = lines.map((line, i) => (prefix === "1. " ? `${i + 1}. ` : prefix) + line.replace(/^(#{1,6} |> |- |\d+\. )/, "")).join("\n");
    replaceSelection(text, text.length);
  }

  // A block of its own: blank lines around it, as Markdown needs.
  function insertBlock(block, selectFrom, selectTo) {
    const before = body.value.slice(0, body.selectionStart);
    const lead = before.length === 0 || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    replaceSelection(lead + block + "\n\n", selectFrom === undefined ? undefined : lead.length + selectFrom, selectTo === undefined ? undefined : lead.length + selectTo);
  }

  function link() {
    const selected = body.value.slice(body.selectionStart, body.selectionEnd);
    const text = selected || "link text";
    const address = "https://";
    // The address is selected, to be typed over; with no text chosen, the text is.
    replaceSelection(`[${text}](${address})`, selected ? text.length + 3 : 1, selected ? text.length + 3 + address.length : 1 + text.length);
  }

  // A library picture as a figure: Markdig's ^^^ block, the caption and credit under it.
  function figure(picture) {
    const alt = (picture.alt || "").replace(/[\[\]]/g, "");
    const under = [picture.caption, picture.credit ? `Image: ${picture.credit}` : ""].filter(Boolean).join(" · ");
    const image = `![${alt}](${picture.path})`;
    insertBlock(under ? `^^^\n${image}\n^^^ ${under}` : image);
  }

  const actions = {
    heading: { label: "Heading", title: "Section heading", run: () => prefixLines("## ") },
    bold: { label: "Bold", title: `Bold (${mod}B)`, key: "b", run: () => wrap("**", "bold text") },
    italic: { label: "Italic", title: `Italic (${mod}I)`, key: "i", run: () => wrap("_", "italic text") },
    link: { label: "Link", title: `Link (${mod}K)`, key: "k", run: link },
    quote: { label: "Quote", title: "Quotation", run: () => prefixLines("> ") },
    list: { label: "List", title: "Bulleted list", run: () => prefixLines("- ") },
    numbered: { label: "Numbered", title: "Numbered list", run: () => prefixLines("1. ") },
    image: { label: "Image", title: "Picture from the media library", run: openLibrary, needsUpload: true },
    embed: { label: "Embed", title: "Video or post from another site, by its address", run: () => insertBlock("https://", 0, 8) },
  };

  // ---- The toolbar: one tab stop, arrow keys between its buttons ------------------------------
  const bar = document.createElement("div");
  bar.className = "editor-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Formatting");
  bar.setAttribute("aria-controls", body.id);
  for (const [name, action] of Object.entries(actions)) {
    if (action.needsUpload && !canUpload) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = `tool tool-${name}`;
    button.textContent = action.label;
    button.title = action.title;
    button.tabIndex = bar.children.length === 0 ? 0 : -1;
    button.addEventListener("click", () => action.run());
    bar.append(button);
  }
  bar.addEventListener("keydown", (event) => {
    const buttons = [...bar.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined || at < 0) return;
    event.preventDefault();
    const next = buttons[(to + buttons.length) % buttons.length];
    buttons.forEach((b) => { b.tabIndex = b === next ? 0 : -1; });
    next.focus();
  });
  body.parentElement.insertBefore(bar, body);

  body.addEventListener("keydown", (event) => {
    if (!(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey) return;
    const action = Object.values(actions).find((a) => a.key === event.key.toLowerCase());
    if (action) {
      event.preventDefault();
      action.run();
    }
  });

  // ---- Pictures from the library ----------------------------------------------------------------
  let dialog;
  async function openLibrary() {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "library-dialog";
      dialog.setAttribute("aria-labelledby", "library-dialog-title");
      dialog.innerHTML = '<h2 id="library-dialog-title">Insert a picture</h2><p class="library-upload"><label for="library-upload-file">Upload a new one</label> <input type="file" id="library-upload-file" accept="image/jpeg,image/png,image/gif,image/webp"></p><p class="library-status" role="status"></p><ul class="library-choices"></ul><p><button type="button" class="secondary" data-close>Cancel</button></p>';
      dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
      const file = dialog.querySelector("#library-upload-file");
      file.addEventListener("change", () => {
        const chosen = [...file.files];
        file.value = "";
        dialog.close();
        upload(chosen);
      });
      dialog.addEventListener("close", () => body.focus());
      document.body.append(dialog);
    }
    const list = dialog.querySelector(".library-choices");
    const status = dialog.querySelector(".library-status");
    list.replaceChildren();
    status.textContent = "Loading the library…";
    dialog.showModal();
    try {
      const response = await fetch(form.dataset.libraryUrl, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" });
      const pictures = response.ok ? await response.json() : [];
      status.textContent = pictures.length ? "Choose a picture: it goes in where the cursor was, with its caption and credit." : "The library has no pictures yet: paste or drop one into the text to upload it.";
      for (const picture of pictures) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        const image = document.createElement("img");
        image.src = picture.thumbnail;
        image.alt = "";
        image.loading = "lazy";
        const name = document.createElement("span");
        name.textContent = picture.alt || picture.fileName;
        button.append(image, name);
        button.addEventListener("click", () => { dialog.close(); figure(picture); });
        item.append(button);
        list.append(item);
      }
      list.querySelector("button")?.focus();
    } catch {
      status.textContent = "The library could not be reached just now.";
    }
  }

  // ---- Pictures pasted or dropped into the text: uploaded to the library, put in as figures ----
  async function upload(files) {
    const images = [...files].filter((f) => f.type.startsWith("image/"));
    if (!images.length || !canUpload) return false;
    const status = document.getElementById("autosave-status");
    for (const file of images) {
      status.textContent = `Uploading ${file.name || "the picture"}…`;
      const data = new FormData();
      data.append("__RequestVerificationToken", token());
      data.append("file", file, file.name || "pasted.png");
      try {
        const response = await fetch(form.dataset.uploadUrl, { method: "POST", body: data, headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" });
        const result = await response.json();
        if (!response.ok) {
          status.textContent = result.error || "The picture could not be uploaded.";
          continue;
        }
        figure(result);
        status.textContent = `${file.name || "The picture"} is in the library: describe it for readers who cannot see it, between the [ ].`;
      } catch {
        status.textContent = "The picture could not be uploaded: offline?";
      }
    }
    return true;
  }

  body.addEventListener("paste", (event) => {
    if (event.clipboardData?.files?.length && [...event.clipboardData.files].some((f) => f.type.startsWith("image/"))) {
      event.preventDefault();
      upload(event.clipboardData.files);
    }
  });
  body.addEventListener("dragover", (event) => {
    if ([...(event.dataTransfer?.items ?? [])].some((i) => i.kind === "file")) event.preventDefault();
  });
  body.addEventListener("drop", (event) => {
    if (event.dataTransfer?.files?.length) {
      event.preventDefault();
      const at = body.selectionStart;
      body.setSelectionRange(at, at);
      upload(event.dataTransfer.files);
    }
  });
})();
