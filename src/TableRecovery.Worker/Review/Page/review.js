// The review page. Everything it shows comes from /api/v1/review; every piece of text from an upload (file names,
// OCR text, labels) is put in with textContent or as an attribute value, never parsed as HTML.
"use strict";

const api = "/api/v1/review";
const state = { token: sessionStorage.getItem("review-token") || "", table: null, focus: null, entry: "", matrix: [], busy: false };
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function call(path, options = {}) {
  const headers = Object.assign({ Authorization: "Bearer " + state.token }, options.headers || {});
  const response = await fetch(api + path, Object.assign({}, options, { headers }));
  if (response.status === 401) { signOut("Your token was not accepted."); throw new Error("signed out"); }
  return response;
}

async function problem(response) {
  try { const p = await response.json(); return p.detail || p.title || response.statusText; } catch { return response.statusText; }
}

function message(text, isError) {
  const m = $("table-message");
  m.textContent = text || "";
  m.style.color = isError ? "#b00020" : "";
}

// ---- sign in ----
function signOut(reason) {
  state.token = ""; sessionStorage.removeItem("review-token");
  $("app").hidden = true; $("sign-in").hidden = false; $("sign-out").hidden = true; $("who").textContent = "";
  $("sign-in-error").textContent = reason || "";
  $("token").focus();
}

async function signIn(token) {
  state.token = token;
  const response = await fetch(api + "/me", { headers: { Authorization: "Bearer " + token } });
  if (!response.ok) { signOut("That token was not accepted."); return; }
  const me = await response.json();
  sessionStorage.setItem("review-token", token);
  $("who").textContent = "Signed in as " + me.reviewer;
  $("sign-in").hidden = true; $("app").hidden = false; $("sign-out").hidden = false;
  // The keys belong to the review now, not to the hidden sign-in form.
  if (document.activeElement) document.activeElement.blur();
  await loadQueue();
}

// ---- queue ----
async function loadQueue() {
  const response = await call("/queue");
  const items = await response.json();
  const list = $("queue-list");
  list.replaceChildren();
  if (items.length === 0) list.append(el("li", { text: "Nothing to review." }));
  for (const item of items) {
    const li = el("li", { "data-table": String(item.table_id), title: "Open this table" },
      el("span", { class: "source", text: item.source }),
      el("span", { text: item.layout + " · table " + (item.table_index + 1) + " · " + item.cells_needing_review + " to review" }),
      item.leased_by ? el("span", { class: "held", text: "in review by " + item.leased_by }) : null);
    if (state.table && state.table.table_id === item.table_id) li.classList.add("current");
    li.addEventListener("click", () => take(item.table_id));
    list.append(li);
  }
}

async function nextTable() {
  const response = await call("/next", { method: "POST" });
  if (response.status === 204) { message("The queue is empty."); await loadQueue(); return; }
  if (!response.ok) { message(await problem(response), true); return; }
  const lease = await response.json();
  await openTable(lease.table_id);
}

async function take(tableId) {
  const response = await call("/tables/" + tableId + "/lease", { method: "POST" });
  if (!response.ok) { message(await problem(response), true); return; }
  await openTable(tableId);
}

async function openTable(tableId) {
  const response = await call("/tables/" + tableId);
  if (!response.ok) { message(await problem(response), true); return; }
  show(await response.json(), null);
  await loadQueue();
}

// ---- the table ----
function show(view, before) {
  state.table = view;
  $("empty").hidden = true; $("table-pane").hidden = false;
  $("table-title").textContent = view.source + " — " + (view.section || view.layout);
  $("table-meta").textContent = view.layout + " · status " + view.status + " · " + view.cells_needing_review + " cells to review" +
    (view.leased_by ? " · held by " + view.leased_by : "");
  $("batch-exports").hidden = !view.batch_id;
  // Why the layout is this one, rows placed by a guess, rules found missing: read before trusting the grid.
  $("notes-list").replaceChildren(...(view.notes || []).map((n) => el("li", { text: n })));
  $("table-notes").hidden = !(view.notes && view.notes.length);
  renderGrid(view, before);
  const order = view.review_order;
  const keep = state.focus && order.includes(state.focus) ? state.focus : null;
  focusCell(keep || order[0] || (state.focus && cellById(state.focus) ? state.focus : view.cells[0] && view.cells[0].id));
  if (order.length === 0) message(before ? "Table done. Press N for the next table." : "Nothing left to review in this table.");
}

function cellById(id) { return state.table.cells.find((c) => c.id === id); }

function shown(cell) {
  if (!cell) return "";
  if (cell.unreadable) return "?";
  return cell.value == null ? "" : String(cell.value);
}

function renderGrid(view, before) {
  const grid = $("grid");
  grid.replaceChildren();
  state.matrix = [];
  const previous = new Map((before ? before.cells : []).map((c) => [c.id, c]));
  const blocks = view.blocks.length ? view.blocks : [{ key: "cells", label: "cells", rows: view.cells.map((c) => ({ key: c.id, label: c.id })), columns: [{ key: "", label: "value" }] }];
  for (const block of blocks) {
    const groups = block.columns.map((c) => c.group || "");
    if (groups.some((g) => g)) {
      const tr = el("tr", {}, el("th", { class: "row-label" }));
      for (let i = 0; i < block.columns.length;) {
        let j = i; while (j < block.columns.length && groups[j] === groups[i]) j++;
        tr.append(el("th", { colspan: String(j - i), text: groups[i] }));
        i = j;
      }
      grid.append(tr);
    }
    const head = el("tr", {}, el("th", { class: "row-label", text: view.blocks.length > 1 ? block.label : "" }));
    for (const c of block.columns) head.append(el("th", { text: c.label }));
    grid.append(head);
    for (const row of block.rows) {
      const tr = el("tr", {}, el("th", { class: "row-label", text: row.label, title: (row.group ? row.group + " / " : "") + row.label }));
      const ids = [];
      for (const column of block.columns) {
        const id = column.key ? row.key + "/" + column.key : row.key;
        const cell = cellById(id);
        ids.push(id);
        const td = el("td", { "data-cell": id, class: "cell-" + (cell ? cell.status : "needs_review"), title: id, text: shown(cell) });
        const old = previous.get(id);
        if (old && cell && (old.status !== cell.status || old.value !== cell.value)) td.classList.add("changed");
        td.addEventListener("click", () => focusCell(id));
        tr.append(td);
      }
      state.matrix.push(ids);
      grid.append(tr);
    }
  }
}

function labelsOf(id) {
  for (const block of state.table.blocks) {
    for (const row of block.rows) for (const column of block.columns) {
      if (row.key + "/" + column.key === id) {
        return [row.group, row.label].filter(Boolean).join(" / ") + " × " + [column.group, column.label].filter(Boolean).join(" / ");
      }
    }
  }
  return "";
}

async function loadCrop(img, tableId, id, context) {
  // Only the picture of the cell still in focus is shown when several requests overlap.
  img.dataset.want = id;
  img.removeAttribute("src");
  const response = await call("/tables/" + tableId + "/crop?cell=" + encodeURIComponent(id) + (context ? "&context=true" : ""));
  if (img.dataset.want !== id) return;
  if (!response.ok) { img.alt = "no picture of this cell"; return; }
  const url = URL.createObjectURL(await response.blob());
  if (img.dataset.url) URL.revokeObjectURL(img.dataset.url);
  img.dataset.url = url;
  img.src = url;
}

// Why a cell its readings would vouch for is held for review all the same (the result's `held`).
const HELD = {
  not_firmly_placed: "its row or column was placed without a clear label",
  identified_by_shape: "the table was identified by its shape alone",
  digits_may_be_lost: "another reading shows more digits",
  numbers_stand_apart: "two numbers may share this cell",
  placed_on_part_of_its_label: "its row was placed on part of its label",
  sign_may_be_cut: "a bilevel scan may have cut a minus away",
};

function focusCell(id) {
  if (!id) return;
  state.focus = id; state.entry = "";
  $("entry").value = "";
  for (const td of document.querySelectorAll("#grid td.focused")) td.classList.remove("focused");
  const td = document.querySelector('#grid td[data-cell="' + CSS.escape(id) + '"]');
  if (td) { td.classList.add("focused"); td.scrollIntoView({ block: "nearest", inline: "nearest" }); }
  const cell = cellById(id);
  $("focus-title").textContent = id;
  $("focus-labels").textContent = labelsOf(id);
  $("focus-state").textContent = cell
    ? "shown " + (cell.unreadable ? "unreadable" : (cell.value == null ? "nothing" : cell.value)) + " · read \u201c" + (cell.text || "") + "\u201d · " +
      cell.status + (cell.held ? " (" + (HELD[cell.held] || cell.held) + ")" : "") + " · confidence " + Number(cell.confidence).toFixed(3) +
      (cell.confirmed_by ? " · confirmed by " + cell.confirmed_by : "")
    : "";
  const candidates = $("candidates");
  candidates.replaceChildren();
  for (const c of cell ? cell.candidates : []) {
    candidates.append(el("li", {}, el("button", { type: "button", "data-candidate": c.key, onclick: () => decide("candidate", String(c.value)) },
      el("kbd", { text: c.key }), " " + c.value + " (" + Number(c.confidence).toFixed(3) + ")")));
  }
  const identities = $("identities");
  identities.replaceChildren();
  for (const name of cell ? cell.identities : []) {
    const identity = state.table.identities.find((i) => i.name === name);
    if (!identity) continue;
    const kept = !!identity.kept_as_printed_by;
    const li = el("li", { class: kept ? "kept" : identity.holds ? "" : "broken" },
      el("div", { text: identity.name + " · " + identity.text }),
      el("div", { class: "sums", text: (identity.lhs_sum ?? "?") + (identity.holds ? " = " : " \u2260 ") + (identity.rhs_sum ?? "?") +
        (kept ? " · kept as printed by " + identity.kept_as_printed_by : identity.holds ? " holds" : " broken") }));
    if (!identity.holds && !kept) {
      li.append(el("button", { type: "button", onclick: () => keepAsPrinted(identity.name) }, "Printed inconsistent \u2014 keep as printed"));
    }
    identities.append(li);
  }
  const hasBox = cell && cell.has_box;
  $("crop-cell").hidden = !hasBox; $("crop-context").hidden = !hasBox;
  if (hasBox) {
    loadCrop($("crop-cell"), state.table.table_id, id, false);
    loadCrop($("crop-context"), state.table.table_id, id, true);
  }
}

// ---- decisions ----
async function decide(kind, value) {
  if (!state.table || !state.focus || state.busy) return;
  const body = { cell: state.focus, kind };
  let json = JSON.stringify(body);
  if (value != null) {
    if (!/^-?\d+(\.\d+)?$/.test(value)) { message("Type a number: digits, one '.', a leading '-'.", true); return; }
    // The value goes as its exact decimal text, not through a JavaScript float.
    json = json.slice(0, -1) + ',"value":' + value + "}";
  }
  state.busy = true;
  try {
    const response = await call("/tables/" + state.table.table_id + "/decisions", { method: "POST", headers: { "Content-Type": "application/json" }, body: json });
    if (!response.ok) { message(await problem(response), true); return; }
    const before = state.table;
    const after = await response.json();
    const changed = after.cells.filter((c) => { const o = before.cells.find((b) => b.id === c.id); return o && c.id !== body.cell && (o.status !== c.status || o.value !== c.value); });
    state.focus = null;
    show(after, before);
    if (after.review_order.length > 0) {
      message("Saved " + body.cell + ". Re-solved: " + (changed.length ? changed.length + " other cell(s) changed (" + changed.map((c) => c.id + " " + c.status).join(", ") + ")" : "no other cell changed") + ".");
    }
  } finally { state.busy = false; }
  // The decision is done once the re-solved table shows: a key pressed on the next cell while the queue refreshes counts.
  await loadQueue();
}

async function keepAsPrinted(name) {
  const response = await call("/tables/" + state.table.table_id + "/identities", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ identity: name }) });
  if (!response.ok) { message(await problem(response), true); return; }
  const before = state.table;
  show(await response.json(), before);
  await loadQueue();
}

async function download(kind, format) {
  const path = kind === "batch"
    ? "/batches/" + encodeURIComponent(state.table.batch_id) + "/export?format=" + format
    : "/tables/" + state.table.table_id + "/export?format=" + format;
  const response = await call(path);
  if (!response.ok) { message(await problem(response), true); return; }
  const blob = await response.blob();
  const a = el("a", { href: URL.createObjectURL(blob), download: (kind === "batch" ? "batch-" + state.table.batch_id : "table-" + state.table.table_id) + "." + format });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ---- keyboard ----
function move(dr, dc) {
  const m = state.matrix;
  let r = m.findIndex((row) => row.includes(state.focus));
  if (r < 0) { focusCell(m[0] && m[0][0]); return; }
  let c = m[r].indexOf(state.focus);
  r = Math.max(0, Math.min(m.length - 1, r + dr));
  c = Math.max(0, Math.min(m[r].length - 1, c + dc));
  focusCell(m[r][c]);
}

function step(delta) {
  const order = state.table.review_order;
  if (order.length === 0) return;
  const i = order.indexOf(state.focus);
  focusCell(order[((i < 0 ? (delta > 0 ? -1 : 0) : i) + delta + order.length) % order.length]);
}

document.addEventListener("keydown", (event) => {
  if ($("app").hidden || event.target.closest("form") || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  if (key === "n" || key === "N") { event.preventDefault(); nextTable(); return; }
  if (!state.table) return;
  if (/^[0-9.\-]$/.test(key)) { state.entry += key; $("entry").value = state.entry; event.preventDefault(); return; }
  const candidate = "abcdefgh".indexOf(key);
  const cell = state.focus && cellById(state.focus);
  switch (key) {
    case "Backspace": state.entry = state.entry.slice(0, -1); $("entry").value = state.entry; break;
    case "Escape": state.entry = ""; $("entry").value = ""; break;
    case "Enter": state.entry ? decide("typed", state.entry) : decide("accepted", null); break;
    case "u": decide("unreadable", null); break;
    case "Tab": step(event.shiftKey ? -1 : 1); break;
    case "ArrowUp": move(-1, 0); break;
    case "ArrowDown": move(1, 0); break;
    case "ArrowLeft": move(0, -1); break;
    case "ArrowRight": move(0, 1); break;
    default:
      if (candidate >= 0 && cell && cell.candidates[candidate]) { decide("candidate", String(cell.candidates[candidate].value)); break; }
      return;
  }
  event.preventDefault();
});

$("sign-in-form").addEventListener("submit", (event) => { event.preventDefault(); signIn($("token").value.trim()); });
$("sign-out").addEventListener("click", () => signOut(""));
$("next-table").addEventListener("click", () => nextTable());
$("confirm").addEventListener("click", () => (state.entry ? decide("typed", state.entry) : decide("accepted", null)));
$("unreadable").addEventListener("click", () => decide("unreadable", null));
for (const button of document.querySelectorAll("[data-export]")) {
  button.addEventListener("click", () => download(button.dataset.export, button.dataset.format));
}
if (state.token) signIn(state.token); else signOut("");
