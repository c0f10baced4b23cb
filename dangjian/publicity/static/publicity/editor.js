// The article body's rich-text editor (Quill 2, served from node_modules) over the plain
// textarea: without JavaScript the textarea is the editor. The textarea keeps the HTML the
// server receives; the server cleans it (publicity.sanitize) and the gate checks it, as for
// any HTML pasted into the textarea.
//
// The Content-Security-Policy allows no inline style: every format here is a tag or a class
// (alignment is Quill's class, turned into the text-align the sanitizer keeps on the way out),
// and nothing writes a style attribute. What Quill cannot edit (a figure with its caption, a
// table) is kept as a block of its own, shown without styles, saved as it came.
"use strict";

(function () {
  const area = document.querySelector("textarea[data-rich-editor]");
  if (!area || !window.Quill) return;
  const Quill = window.Quill;
  const Delta = Quill.import("delta");
  const BlockEmbed = Quill.import("blots/block/embed");
  const Inline = Quill.import("blots/inline");

  // ---- blocks kept as they are: figures (an uploaded image and its caption) and tables
  const KEPT_TAGS = new Set([
    "FIGURE", "FIGCAPTION", "IMG", "TABLE", "CAPTION", "THEAD", "TBODY", "TFOOT", "TR", "TD", "TH",
    "P", "BR", "STRONG", "B", "EM", "I", "U", "S", "SUB", "SUP", "SPAN", "A",
  ]);
  const KEPT_ATTRS = { IMG: ["src", "alt", "title", "width", "height"], TD: ["colspan", "rowspan"],
    TH: ["colspan", "rowspan"], A: ["href", "title"] };

  // A copy of NODE with only the tags and attributes above (never a style or a handler);
  // the rest of an element is unwrapped into its text.
  function keptCopy(node, into) {
    if (node.nodeType === Node.TEXT_NODE) {
      into.appendChild(document.createTextNode(node.data));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    let target = into;
    if (KEPT_TAGS.has(node.tagName)) {
      target = document.createElement(node.tagName.toLowerCase());
      for (const name of KEPT_ATTRS[node.tagName] || []) {
        const value = node.getAttribute(name);
        if (value !== null) target.setAttribute(name, value);
      }
      into.appendChild(target);
    }
    for (const child of Array.from(node.childNodes)) keptCopy(child, target);
  }

  function keptHTML(node) {
    const box = document.createElement("div");
    keptCopy(node, box);
    return box.innerHTML;
  }

  class KeptBlock extends BlockEmbed {
    static create(value) {
      const node = super.create();
      node.setAttribute("contenteditable", "false");
      node.setAttribute("data-html", value);
      const parsed = new DOMParser().parseFromString(value, "text/html");
      for (const child of Array.from(parsed.body.childNodes)) keptCopy(child, node);
      return node;
    }
    static value(node) {
      return node.getAttribute("data-html") || "";
    }
    html() {
      return KeptBlock.value(this.domNode);
    }
  }
  KeptBlock.blotName = "kept";
  KeptBlock.tagName = "div";
  KeptBlock.className = "dj-kept";

  // ---- a finding of the content-security gate, marked where it is (never saved)
  class FindingMark extends Inline {
    static create(value) {
      const node = super.create();
      node.setAttribute("title", value);
      return node;
    }
    static formats(node) {
      return node.getAttribute("title") || true;
    }
  }
  FindingMark.blotName = "finding";
  FindingMark.tagName = "mark";
  FindingMark.className = "dj-finding";

  Quill.register(KeptBlock, true);
  Quill.register(FindingMark, true);

  const box = document.createElement("div");
  box.className = "dj-editor";
  const holder = document.createElement("div");
  box.appendChild(holder);
  area.parentNode.insertBefore(box, area);
  area.classList.add("d-none");
  area.setAttribute("aria-hidden", "true");

  const quill = new Quill(holder, {
    theme: "snow",
    placeholder: "在此输入正文，或从 Word、网页粘贴（只保留段落、标题、列表等排版）",
    formats: ["header", "bold", "italic", "underline", "strike", "list", "indent", "blockquote", "link", "align",
      "image", "kept", "finding"],
    modules: {
      toolbar: [
        [{ header: [2, 3, false] }],
        ["bold", "italic", "underline", "strike"],
        [{ list: "ordered" }, { list: "bullet" }, "blockquote"],
        [{ align: [] }],
        ["link", "clean"],
      ],
      clipboard: {},
    },
  });
  quill.root.setAttribute("aria-label", "正文");
  quill.root.setAttribute("role", "textbox");
  quill.root.setAttribute("aria-multiline", "true");
  const label = document.querySelector(`label[for="${area.id}"]`);
  if (label) label.addEventListener("click", () => quill.focus());

  // Word's headings come as h1 at most; the site's pages use h2 and h3 below the title.
  quill.clipboard.addMatcher("H1", (node, delta) => delta.compose(new Delta().retain(delta.length(), { header: 2 })));
  const keep = (node) => new Delta().insert({ kept: keptHTML(node) });
  quill.clipboard.addMatcher("FIGURE", keep);
  quill.clipboard.addMatcher("TABLE", keep);
  // Only images the platform stores survive saving: another host's (or Word's file:) would not.
  let droppedImages = 0;
  quill.clipboard.addMatcher("IMG", (node, delta) => {
    const src = node.getAttribute("src") || "";
    if (src.startsWith("/") && !src.startsWith("//")) return delta;
    droppedImages += 1;
    return new Delta();
  });

  // ---- HTML from outside (Word, web pages, the stored body) without tripping the CSP
  // Quill parses HTML with DOMParser, and a style attribute or element parsed there is an
  // inline style the policy refuses (one violation each). So the string is rewritten first:
  // style elements go, style attributes become data-dj-style, and the few things read from
  // them (Word's list paragraphs, bold/italic/underline runs, alignment) become tags and
  // classes below, in place of Quill's own Word and Google Docs clean-up, which reads styles.
  const clipboard = quill.clipboard;
  const quillConvertHTML = clipboard.convertHTML.bind(clipboard);
  const quillNormalizeHTML = clipboard.normalizeHTML.bind(clipboard);
  const START_TAG = /<([a-zA-Z][\w:-]*)(\s[^>]*)>/g;
  clipboard.convertHTML = (html) =>
    quillConvertHTML(
      html
        .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "")
        .replace(/<!--[\s\S]*?-->/g, "")
        .replace(START_TAG, (whole, name, attrs) => `<${name}${attrs.replace(/(\s)style(\s*=)/gi, "$1data-dj-style$2")}>`),
    );

  function styleOf(el) {
    return (el.getAttribute("data-dj-style") || "").toLowerCase().replace(/\s+/g, "");
  }
  function wrapChildren(el, tag) {
    const doc = el.ownerDocument;
    const wrapper = doc.createElement(tag);
    while (el.firstChild) wrapper.appendChild(el.firstChild);
    el.appendChild(wrapper);
  }
  function unwrap(el) {
    const fragment = el.ownerDocument.createDocumentFragment();
    fragment.append(...el.childNodes);
    el.replaceWith(fragment);
  }
  const ORDERED_GLYPH = /^[(（]?[0-9A-Za-z一二三四五六七八九十]+[.)）、．]/;

  // Word's list items are paragraphs marked mso-list (level n), their number or bullet a
  // span marked mso-list:Ignore: they become the list items Quill reads (as its own Word
  // clean-up makes them), numbered when the marker is a number.
  function wordLists(doc) {
    const marked = Array.from(doc.querySelectorAll("[data-dj-style*='mso-list' i]"));
    const ignored = (el) => styleOf(el).includes("mso-list:ignore");
    const groups = [];
    let last = null;
    for (const el of marked.filter((e) => !ignored(e))) {
      if (last && el.previousElementSibling === last) groups[groups.length - 1].push(el);
      else groups.push([el]);
      last = el;
    }
    for (const group of groups) {
      const list = doc.createElement("ul");
      group[0].before(list);
      for (const el of group) {
        const marker = Array.from(el.querySelectorAll("[data-dj-style]")).find(ignored);
        const glyph = marker ? marker.textContent.trim() : "";
        if (marker) marker.remove();
        const level = Number((/level(\d+)/.exec(styleOf(el)) || [0, 1])[1]);
        const li = doc.createElement("li");
        li.setAttribute("data-list", ORDERED_GLYPH.test(glyph) ? "ordered" : "bullet");
        if (level > 1) li.setAttribute("class", `ql-indent-${Math.min(level - 1, 8)}`);
        li.append(...el.childNodes);
        list.appendChild(li);
        el.remove();
      }
    }
  }

  clipboard.normalizeHTML = (doc) => {
    wordLists(doc);
    for (const el of Array.from(doc.querySelectorAll("[data-dj-style]"))) {
      const style = styleOf(el);
      const weight = (/font-weight:([a-z0-9]+)/.exec(style) || [])[1];
      if (el.tagName === "B" && (weight === "normal" || weight === "400")) {
        unwrap(el); // Google Docs wraps the whole paste in <b style="font-weight:normal">
        continue;
      }
      if (weight === "bold" || weight === "bolder" || Number(weight) >= 600) wrapChildren(el, "strong");
      if (/font-style:italic/.test(style)) wrapChildren(el, "em");
      if (/text-decoration[a-z-]*:[^;]*underline/.test(style)) wrapChildren(el, "u");
      if (/text-decoration[a-z-]*:[^;]*line-through/.test(style)) wrapChildren(el, "s");
      const align = (/text-align:(center|right|justify)/.exec(style) || [])[1];
      if (align && /^(P|H[1-6]|LI|DIV|BLOCKQUOTE)$/.test(el.tagName)) el.classList.add(`ql-align-${align}`);
      el.removeAttribute("data-dj-style");
    }
    // Word breaks its source lines anywhere: a line break next to a Chinese character is no
    // space in the text, nor is the white space that starts or ends a paragraph.
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue; // the white space between tags is Quill's to judge
      node.data = node.data.replace(/\s*\n\s*/g, (gap, at, whole) => {
        const before = whole[at - 1] || "";
        const after = whole[at + gap.length] || "";
        return CJK.test(before) || CJK.test(after) ? "" : " ";
      });
    }
    for (const block of Array.from(doc.body.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote"))) {
      const texts = [];
      const inside = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = inside.nextNode(); node; node = inside.nextNode()) texts.push(node);
      if (!texts.length) continue;
      texts[0].data = texts[0].data.replace(/^[ \t\n\r]+/, "");
      texts[texts.length - 1].data = texts[texts.length - 1].data.replace(/[ \t\n\r]+$/, "");
    }
    quillNormalizeHTML(doc);
  };
  const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

  const looksLikeHTML = /<[a-zA-Z/!]/;
  const initial = area.value;
  if (initial.trim()) {
    const contents = looksLikeHTML.test(initial)
      ? quill.clipboard.convert({ html: initial })
      : quill.clipboard.convert({ text: initial.replace(/\r\n/g, "\n") });
    quill.setContents(contents, Quill.sources.SILENT);
  }
  droppedImages = 0;

  // ---- what the textarea receives
  const ALIGN = /\sclass="([^"]*)"/g;
  function bodyHTML() {
    if (quill.getText().trim() === "" && !quill.root.querySelector("img, .dj-kept")) return "";
    return quill
      .getSemanticHTML()
      .replace(/<\/?mark\b[^>]*>/g, "")
      .replace(ALIGN, (whole, classes) => {
        const m = /(?:^|\s)ql-align-(center|right|justify)(?:\s|$)/.exec(classes);
        return m ? ` style="text-align: ${m[1]};"` : "";
      })
      .replace(/&nbsp;(?!&nbsp;)/g, " ")
      .replace(/<p>\s*<\/p>/g, "");
  }
  const note = document.createElement("div");
  note.className = "form-text text-warning-emphasis d-none";
  box.after(note);
  // The textarea keeps the body as it came until the text is changed here: a save that
  // changes only the title sends the body back exactly as it was.
  let changed = false;
  quill.on("text-change", (delta, old, source) => {
    changed = true;
    area.value = bodyHTML();
    if (droppedImages) {
      note.textContent = `粘贴内容中的 ${droppedImages} 张图片未保留：图片请保存稿件后在稿件页上传。`;
      note.classList.remove("d-none");
      droppedImages = 0;
    }
    // Typing next to a marked finding does not extend the mark.
    if (source === Quill.sources.USER) {
      let at = 0;
      for (const op of delta.ops) {
        if (op.retain !== undefined) at += typeof op.retain === "number" ? op.retain : 1;
        else if (op.insert !== undefined) {
          const length = typeof op.insert === "string" ? op.insert.length : 1;
          if (op.attributes && op.attributes.finding) quill.formatText(at, length, "finding", false, Quill.sources.SILENT);
          at += length;
        }
      }
    }
  });
  area.form.addEventListener("submit", () => {
    if (changed) area.value = bodyHTML();
  });

  // ---- the gate's findings, marked at their place in the text
  const data = document.getElementById("body-findings");
  const findings = data ? JSON.parse(data.textContent) : [];
  if (!findings.length) return;
  const text = quill.getText();
  const compact = [];
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) compact.push(i);
  const flat = compact.map((i) => text[i]).join("");

  // Where the OCCURRENCE-th (from 0) NEEDLE stands in the editor's text, white space aside.
  function locate(needle, occurrence) {
    if (!needle) return null;
    let found = null;
    let from = 0;
    for (let n = 0; n <= occurrence; n++) {
      const at = flat.indexOf(needle, from);
      if (at < 0) break;
      found = at;
      from = at + 1;
    }
    if (found === null) return null;
    const start = compact[found];
    const end = compact[found + needle.length - 1] + 1;
    return { index: start, length: end - start };
  }

  findings.forEach((f, n) => {
    const place = locate(f.text, f.occurrence);
    const item = document.querySelector(`[data-finding="${n}"]`);
    if (!place) return;
    quill.formatText(place.index, place.length, "finding", f.message, Quill.sources.SILENT);
    if (item) {
      const button = item.querySelector("button");
      if (button) {
        button.classList.remove("d-none");
        button.addEventListener("click", () => {
          quill.setSelection(place.index, place.length, Quill.sources.USER);
          box.scrollIntoView({ block: "center" });
        });
      }
    }
  });
})();
