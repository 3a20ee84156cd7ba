// The menu workbench: the working menu drawn as WeChat shows it, edited in place. Plain JS on purpose:
// one page, one small state, no build step. The limits are the server's (MenuRules): every change is
// posted, debounced, to ?handler=Check, and Publish waits for a clean verdict. Only the live byte
// counters are computed here, because an operator wants them on every keystroke.
(() => {
  "use strict";
  const root = document.getElementById("workbench");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const initial = JSON.parse(root.dataset.state);
  const canEdit = root.dataset.canEdit === "true";
  const token = root.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
  // The account the page was shown for: a post works on it even if another tab switched accounts since.
  const account = root.querySelector("input[name=_account]")?.value ?? "";
  const slot = initial.slot;

  const MAX_NAME = 16, MAX_SUB_NAME = 60, MAX_KEY = 128, MAX_URL = 1024;
  const KEY_TYPES = ["click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select"];
  // The fields each type needs, as the platform documents them; MenuRules says the same on the server.
  const FIELDS = {
    view: ["url"],
    miniprogram: ["appid", "pagepath", "url"],
    media_id: ["media_id"],
    view_limited: ["media_id"],
    article_id: ["article_id"],
    article_view_limited: ["article_id"],
  };
  for (const type of KEY_TYPES) FIELDS[type] = ["key"];
  const HINTS = {
    click: "Portal receives a CLICK event with the key; an auto-reply rule on the key answers.",
    view: "Opens the page in WeChat's browser.",
    miniprogram: "Opens the mini-program (it must be linked to this account); old clients open the web address instead.",
    scancode_push: "Opens the scanner; WeChat shows what it read and Portal receives it with the key.",
    scancode_waitmsg: "Opens the scanner, then shows “receiving” until Portal replies to the scan event.",
    pic_sysphoto: "Opens the camera; the photo is sent to Portal.",
    pic_photo_or_album: "Lets the follower take a photo or pick one from the album.",
    pic_weixin: "Lets the follower pick from their WeChat album.",
    location_select: "Opens the location picker; the location is sent to Portal.",
    media_id: "Sends a permanent material (image, voice, video or news) by its media_id.",
    view_limited: "The older form of a media button, for accounts that are not verified.",
    article_id: "Opens a published article by its article_id.",
    article_view_limited: "Opens a published article; the limited form for unverified accounts.",
  };
  const INPUTS = { key: "btn-key", url: "btn-url", appid: "btn-appid", pagepath: "btn-pagepath", media_id: "btn-media", article_id: "btn-article" };

  const bytes = (text) => new TextEncoder().encode(text || "").length;
  const copy = (button) => ({ ...button, sub_button: (button.sub_button || []).map((s) => ({ ...s, sub_button: [] })) });

  let buttons = (initial.menu.button || []).map(copy);
  let rule = { ...(initial.rule || {}) };
  let selected = buttons.length ? [0] : null; // [i] or [i, j]
  let problems = initial.problems || [];
  let pending = false; // a check is due or on its way: Publish waits for it
  let sequence = 0;
  let timer = 0;
  let dirty = false;
  let dragged = null;
  // The live version this page stands on (default menu only); Publish sends it so the server can refuse to
  // replace a menu published, rolled back or pulled since the page was opened.
  let live = initial.live;

  const at = (path) => (path.length === 1 ? buttons[path[0]] : buttons[path[0]]?.sub_button[path[1]]);
  const same = (a, b) => a && b && a.length === b.length && a.every((v, i) => v === b[i]);

  // The platform's JSON for what is being edited: only the fields the type uses, and none left empty,
  // so switching a button from click to view does not send a stale key.
  function wireButton(b, top) {
    const out = { name: b.name || "" };
    if (top && b.sub_button && b.sub_button.length) {
      out.sub_button = b.sub_button.map((s) => wireButton(s, false));
      return out;
    }
    if (b.type) out.type = b.type;
    for (const field of FIELDS[b.type] || []) if (b[field]) out[field] = b[field];
    return out;
  }
  const wire = () => ({ button: buttons.map((b) => wireButton(b, true)) });
  function wireRule() {
    const out = {};
    for (const [k, v] of Object.entries(rule)) if (v) out[k] = v;
    return out;
  }

  async function post(handler, extra) {
    const body = new URLSearchParams({ __RequestVerificationToken: token, ...(account ? { _account: account } : {}), slot, menu: JSON.stringify(wire()), rule: JSON.stringify(wireRule()), ...extra });
    const response = await fetch(`/admin/menu?handler=${handler}`, { method: "POST", body, credentials: "same-origin" });
    if (!response.ok) throw new Error(`${handler} answered ${response.status}`);
    return response.json();
  }

  function changed() {
    dirty = true;
    draw();
    if (!canEdit) return;
    pending = true;
    drawVerdict();
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  async function check() {
    const mine = ++sequence;
    try {
      const answer = await post("Check");
      if (mine !== sequence) return; // a newer edit has its own check on the way
      problems = answer.problems;
      pending = false;
    } catch (e) {
      if (mine !== sequence) return;
      problems = [{ code: 0, message: `The check could not run (${e.message}); reload the page.`, path: "" }];
      pending = false;
    }
    draw();
  }

  // ---- drawing -------------------------------------------------------------------------------------

  function problemsAt(i, j) {
    return problems.filter((p) => p.button === i && (j === undefined ? p.subButton === null || p.subButton === undefined : p.subButton === j));
  }

  function phoneButton(b, path) {
    const el = document.createElement("button");
    el.type = "button";
    el.className = "wb-btn";
    el.textContent = b.name || "(no name)";
    el.dataset.path = path.join(".");
    el.setAttribute("data-testid", path.length === 1 ? `button-${path[0] + 1}` : `button-${path[0] + 1}-${path[1] + 1}`);
    const bad = path.length === 1 ? problemsAt(path[0]) : problemsAt(path[0], path[1]);
    if (bad.length) {
      el.classList.add("bad");
      el.title = bad.map((p) => p.message).join("\n");
    }
    if (same(selected, path)) el.setAttribute("aria-pressed", "true");
    el.addEventListener("click", () => { selected = path; draw(); $("btn-name").focus(); });
    if (canEdit) {
      el.draggable = true;
      el.addEventListener("dragstart", (e) => {
        dragged = path;
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", el.dataset.path);
        root.classList.add("dragging");
      });
      el.addEventListener("dragend", () => { dragged = null; root.classList.remove("dragging"); clearDropMarks(); });
      dropTarget(el, () => ({ kind: "button", path }));
    }
    return el;
  }

  function addButton(label, testId, onAdd, target) {
    const el = document.createElement("button");
    el.type = "button";
    el.className = "wb-add";
    el.textContent = "+";
    el.title = label;
    el.setAttribute("aria-label", label);
    el.setAttribute("data-testid", testId);
    el.addEventListener("click", onAdd);
    if (target) dropTarget(el, target);
    return el;
  }

  function draw() {
    const bar = $("wb-bar");
    bar.replaceChildren();
    buttons.forEach((b, i) => {
      const column = document.createElement("div");
      column.className = "wb-col";
      const open = selected && selected[0] === i;
      if (b.sub_button.length || open) {
        const panel = document.createElement("div");
        panel.className = "wb-subs";
        panel.hidden = !open;
        panel.setAttribute("data-testid", `sub-menu-${i + 1}`);
        b.sub_button.forEach((s, j) => panel.append(phoneButton(s, [i, j])));
        if (canEdit)
          panel.append(addButton(`Add a sub-button to “${b.name}”`, `add-sub-${i + 1}`, () => addSub(i), () => ({ kind: "end-of", parent: i })));
        column.append(panel);
      }
      const top = phoneButton(b, [i]);
      if (b.sub_button.length) top.classList.add("parent");
      column.append(top);
      bar.append(column);
    });
    if (canEdit)
      bar.append(addButton("Add a button", "add-button", addTop, () => ({ kind: "end-of-bar" })));
    drawForm();
    drawVerdict();
  }

  function drawForm() {
    const b = selected && at(selected);
    $("wb-nothing").hidden = !!b;
    $("wb-fields").hidden = !b;
    if (!b) return;
    const top = selected.length === 1;
    const isParent = top && b.sub_button.length > 0;
    $("wb-where").textContent = top ? `Button ${selected[0] + 1}` : `Button ${selected[0] + 1}, sub-button ${selected[1] + 1}`;
    setValue("btn-name", b.name);
    counter("name-bytes", b.name, top ? MAX_NAME : MAX_SUB_NAME);
    $("wb-parent-note").hidden = !isParent;
    $("wb-parent-note").textContent = isParent
      ? `Opens its sub-menu of ${b.sub_button.length} (at most 5). A button with a sub-menu has no action of its own.`
      : "";
    $("wb-action").hidden = isParent;
    setValue("btn-type", b.type || "");
    $("type-hint").textContent = HINTS[b.type] || "Choose what a tap does.";
    const needed = FIELDS[b.type] || [];
    for (const [field, id] of Object.entries(INPUTS)) {
      root.querySelector(`[data-field="${field}"]`).hidden = !needed.includes(field);
      setValue(id, b[field] || "");
    }
    $("url-label").textContent = b.type === "miniprogram" ? "Web address for clients without mini-programs" : "Web address";
    const row = top ? buttons : buttons[selected[0]].sub_button;
    const index = selected[selected.length - 1];
    if ($("btn-earlier")) $("btn-earlier").disabled = index === 0;
    if ($("btn-later")) $("btn-later").disabled = index === row.length - 1;
    counter("key-bytes", b.key, MAX_KEY);
    counter("url-bytes", b.url, MAX_URL);
    for (const input of root.querySelectorAll("#wb-fields input, #wb-fields select, #wb-rule input, #wb-rule select")) input.disabled = !canEdit;
  }

  function setValue(id, value) {
    const input = $(id);
    if (input.value !== value) input.value = value;
  }

  function counter(id, text, max) {
    const n = bytes(text);
    $(id).textContent = `${n} / ${max} bytes`;
    $(id).classList.toggle("over", n > max);
  }

  function drawVerdict() {
    const list = $("wb-problems");
    list.replaceChildren(...problems.map((p) => {
      const item = document.createElement("li");
      // The platform's errcode and the place, as data: what a test or a tool reads instead of the sentence.
      item.dataset.code = String(p.code);
      if (p.button !== null && p.button !== undefined) item.dataset.button = String(p.button + 1);
      if (p.subButton !== null && p.subButton !== undefined) item.dataset.subButton = String(p.subButton + 1);
      if (p.path) {
        const where = document.createElement("button");
        where.type = "button";
        where.className = "link";
        where.textContent = p.path;
        where.addEventListener("click", () => {
          if (p.button === null || p.button === undefined) return;
          selected = p.subButton === null || p.subButton === undefined ? [p.button] : [p.button, p.subButton];
          if (at(selected)) draw();
        });
        item.append(where, ": ");
      }
      item.append(p.message, " ");
      const code = document.createElement("span");
      code.className = "tag";
      code.textContent = p.code ? `errcode ${p.code}` : "not checked";
      item.append(code);
      return item;
    }));
    $("wb-verdict").textContent = pending
      ? "Checking…"
      : problems.length === 0
        ? "The platform will accept this menu."
        : `${problems.length === 1 ? "One problem" : `${problems.length} problems`} to fix before publishing:`;
    $("wb-verdict").className = pending ? "hint" : problems.length ? "error" : "ok-text";
    // The verdict as a code, for tests and tools that should not read (translated) sentences.
    $("wb-verdict").dataset.verdict = pending ? "pending" : problems.length ? "problems" : "ok";
    const publish = $("wb-publish");
    if (publish) publish.disabled = pending || problems.length > 0;
    const mark = $("wb-dirty");
    if (mark) mark.textContent = dirty ? "Unsaved changes" : "";
  }

  // ---- editing -------------------------------------------------------------------------------------

  function addTop() {
    buttons.push({ name: `Button ${buttons.length + 1}`, type: "click", key: "", sub_button: [] });
    selected = [buttons.length - 1];
    changed();
    $("btn-name").select();
  }

  function addSub(i) {
    const parent = buttons[i];
    becomeParent(parent);
    parent.sub_button.push({ name: `Item ${parent.sub_button.length + 1}`, type: "click", key: "", sub_button: [] });
    selected = [i, parent.sub_button.length - 1];
    changed();
    $("btn-name").select();
  }

  // A button that gains a sub-menu loses its own action: the platform refuses a parent with a type.
  function becomeParent(button) {
    if (button.sub_button.length) return;
    for (const field of ["type", "key", "url", "media_id", "article_id", "appid", "pagepath"]) delete button[field];
  }

  function remove() {
    if (!selected) return;
    if (selected.length === 1) {
      buttons.splice(selected[0], 1);
      selected = buttons.length ? [Math.min(selected[0], buttons.length - 1)] : null;
    } else {
      const parent = buttons[selected[0]];
      parent.sub_button.splice(selected[1], 1);
      selected = parent.sub_button.length ? [selected[0], Math.min(selected[1], parent.sub_button.length - 1)] : [selected[0]];
    }
    changed();
  }

  // The keyboard's way to reorder: swap with the neighbour in the same row.
  function shift(by) {
    if (!selected) return;
    const row = selected.length === 1 ? buttons : buttons[selected[0]].sub_button;
    const from = selected[selected.length - 1];
    const to = from + by;
    if (to < 0 || to >= row.length) return;
    [row[from], row[to]] = [row[to], row[from]];
    selected = selected.length === 1 ? [to] : [selected[0], to];
    changed();
  }

  function edit(field, value) {
    const b = selected && at(selected);
    if (!b) return;
    b[field] = value;
    changed();
  }

  $("btn-name").addEventListener("input", (e) => edit("name", e.target.value));
  $("btn-type").addEventListener("change", (e) => edit("type", e.target.value));
  for (const [field, id] of Object.entries(INPUTS)) $(id).addEventListener("input", (e) => edit(field, e.target.value));
  $("btn-delete")?.addEventListener("click", remove);
  $("btn-earlier")?.addEventListener("click", () => shift(-1));
  $("btn-later")?.addEventListener("click", () => shift(1));
  for (const input of root.querySelectorAll("[data-rule]")) {
    input.value = rule[input.dataset.rule] || "";
    input.addEventListener(input.tagName === "SELECT" ? "change" : "input", () => { rule[input.dataset.rule] = input.value; changed(); });
  }

  // ---- drag and drop -------------------------------------------------------------------------------
  // Dropping on a button takes its place; a sub-button dropped on a top-level button joins its sub-menu;
  // anything dropped on a + goes to the end of that row. The moved button stays selected.

  function dropTarget(el, describe) {
    el.addEventListener("dragover", (e) => {
      if (!dragged || !canDrop(describe())) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      el.classList.add("drop");
    });
    el.addEventListener("dragleave", () => el.classList.remove("drop"));
    el.addEventListener("drop", (e) => {
      e.preventDefault();
      el.classList.remove("drop");
      if (dragged) move(dragged, describe());
      dragged = null;
      root.classList.remove("dragging");
    });
  }

  function clearDropMarks() {
    for (const el of root.querySelectorAll(".drop")) el.classList.remove("drop");
  }

  function canDrop(target) {
    const source = at(dragged);
    if (target.kind === "button" && same(target.path, dragged)) return false;
    // Menus are two levels deep: a button with its own sub-menu cannot become a sub-button.
    const intoSubMenu = target.kind === "end-of" || (target.kind === "button" && (target.path.length === 2 || dragged.length === 2));
    if (intoSubMenu && dragged.length === 1 && source.sub_button.length) return false;
    if (target.kind === "button" && dragged.length === 1 && target.path.length === 2 && target.path[0] === dragged[0]) return false;
    return true;
  }

  function move(from, target) {
    if (!canDrop(target)) return;
    const item = at(from);
    // Take it out, remembering where things were, then put it in; indexes after the gap shift by one.
    const parentOf = (path) => (path.length === 1 ? buttons : buttons[path[0]].sub_button);
    let destination;
    if (target.kind === "end-of-bar") {
      destination = { row: null, index: buttons.length };
    } else if (target.kind === "end-of") {
      destination = { row: target.parent, index: buttons[target.parent].sub_button.length };
    } else if (target.path.length === 1 && from.length === 2) {
      destination = { row: target.path[0], index: buttons[target.path[0]].sub_button.length };
    } else if (target.path.length === 1) {
      destination = { row: null, index: target.path[0] };
    } else {
      destination = { row: target.path[0], index: target.path[1] };
    }
    const rowParent = destination.row === null ? null : buttons[destination.row];
    parentOf(from).splice(from[from.length - 1], 1);
    let newPath;
    if (rowParent === null) {
      buttons.splice(Math.min(destination.index, buttons.length), 0, item);
      newPath = [buttons.indexOf(item)];
    } else {
      becomeParent(rowParent);
      rowParent.sub_button.splice(Math.min(destination.index, rowParent.sub_button.length), 0, item);
      newPath = [buttons.indexOf(rowParent), rowParent.sub_button.indexOf(item)];
    }
    item.sub_button = item.sub_button || [];
    selected = newPath;
    // Counts the moves made, so that a test can tell a drop that landed from a gesture the browser missed.
    root.dataset.moves = String(Number(root.dataset.moves || 0) + 1);
    changed();
  }

  // ---- save and publish ----------------------------------------------------------------------------

  // outcome: saved, published, stale (another version went live meanwhile), refused (problems) or failed.
  function result(text, ok, outcome, version) {
    const box = $("wb-result");
    box.hidden = false;
    box.className = `alert ${ok ? "ok" : "error"}`;
    box.textContent = text;
    box.dataset.outcome = outcome;
    if (version) box.dataset.version = String(version);
    else delete box.dataset.version;
  }

  $("wb-save")?.addEventListener("click", async () => {
    try {
      const answer = await post("Save");
      dirty = false;
      result(answer.message, true, "saved");
      drawVerdict();
    } catch (e) {
      result(`Not saved: ${e.message}.`, false, "failed");
    }
  });

  $("wb-publish")?.addEventListener("click", async () => {
    const publish = $("wb-publish");
    publish.disabled = true;
    try {
      const answer = await post("Publish", live ? { live } : {});
      if (answer.published) {
        dirty = false;
        if (answer.live) live = answer.live;
        result(answer.message, true, "published", answer.version);
      } else if (answer.stale) {
        result(answer.message, false, "stale");
      } else {
        result(`Not published. ${answer.problems.map((p) => `${p.path ? p.path + ": " : ""}${p.message} (errcode ${p.code})`).join(" ")}`, false, "refused");
      }
    } catch (e) {
      result(`Not published: ${e.message}.`, false, "failed");
    }
    drawVerdict();
  });

  draw();
})();
