// The sandbox phone page: draws a follower's chat and sends what they do to /sandbox/phone/api.
// Kept dependency-free; it runs only in development.
(() => {
  const api = "/sandbox/phone/api";
  const $ = (id) => document.getElementById(id);
  const cookieName = "portal-sandbox-follower";
  let current = null;
  let drawn = "";

  const status = (text) => { $("status").textContent = text; };

  // The account the follower talks to: every call names it, so followers, chats and menus are that account's.
  const account = () => $("account-choice").value;

  async function call(method, path, body) {
    const response = await fetch(`${api}${path}?appid=${encodeURIComponent(account())}`, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.error || problem.title || `HTTP ${response.status}`);
    }
    return response.json();
  }

  // The follower is remembered in a cookie, which the sandbox's OAuth page also reads to know who is signing in.
  function choose(openId) {
    current = openId;
    document.cookie = `${cookieName}=${encodeURIComponent(openId)}; path=/; SameSite=Lax`;
    drawn = "";
    refresh();
  }

  async function loadFollowers(select) {
    const followers = await call("GET", "/followers");
    const list = $("follower");
    list.replaceChildren(...followers.map((f) => new Option(`${f.nickname}${f.subscribed ? "" : " (not following)"}`, f.openId)));
    if (!followers.length) { current = null; return; }
    const remembered = decodeURIComponent((document.cookie.match(/(?:^|; )portal-sandbox-follower=([^;]*)/) || [])[1] || "");
    const pick = select || (followers.some((f) => f.openId === remembered) ? remembered : followers[0]?.openId);
    if (pick) { list.value = pick; choose(pick); }
  }

  async function act(path, body, note) {
    if (!current) { status("Create a follower first."); return; }
    status(note);
    document.body.classList.add("busy");
    try {
      await call("POST", `/followers/${encodeURIComponent(current)}${path}`, body);
      status("");
    } catch (e) {
      status(e.message);
    } finally {
      document.body.classList.remove("busy");
      await loadFollowers(current);
    }
  }

  function line(l) {
    const li = document.createElement("li");
    li.className = `${l.side} ${l.side === "follower" && l.kind !== "text" ? "event" : ""}`;
    li.dataset.kind = l.kind;
    if (l.articles && l.articles.length) {
      li.classList.add("card");
      for (const a of l.articles) {
        const link = document.createElement("a");
        const url = linkable(a.url);
        link.href = url || "#";
        link.innerHTML = `<div class="title"></div><div class="desc"></div>`;
        link.querySelector(".title").textContent = a.title || "";
        link.querySelector(".desc").textContent = a.description || "";
        link.addEventListener("click", (e) => { e.preventDefault(); if (url) openBrowser(url, a.title); });
        li.append(link);
      }
    } else if (l.kind === "template") {
      li.classList.add("card");
      const link = document.createElement("a");
      const url = linkable(l.url);
      link.href = url || "#";
      link.innerHTML = `<div class="title"></div><div class="desc"></div>`;
      link.querySelector(".title").textContent = l.title || "";
      link.querySelector(".desc").textContent = l.text || "";
      link.addEventListener("click", (e) => { e.preventDefault(); if (url) openBrowser(url, l.title); });
      li.append(link);
    } else if (l.side === "account" && l.kind === "text") {
      appendWithLinks(li, l.text || "");
    } else {
      li.textContent = l.title ? `${l.title}\n${l.text}` : l.text;
    }
    if (l.via && l.via !== "reply") {
      const via = document.createElement("span");
      via.className = "via";
      via.textContent = l.via === "template" ? "template message" : "customer-service message";
      li.append(via);
    }
    return li;
  }

  // WeChat shows <a href="…">text</a> in a text message as a link and every other character as typed.
  // The links are made with DOM calls, never innerHTML, and only http(s) or site-relative addresses become
  // links: anything else (javascript:, data:, a protocol-relative //host) stays text, tags and all.
  const anchor = /<a\s[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi;
  const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'" };
  const decode = (s) => s.replace(/&(?:amp|lt|gt|quot|#39|apos);/g, (e) => entities[e]);

  // The same allow-list as Portal's stored links: http(s) or a path on this site, nothing else.
  function linkable(raw) {
    const href = (raw || "").trim();
    if (/^https?:\/\//i.test(href) || /^\/(?![\/\\])/.test(href)) return href;
    return null;
  }

  const safeHref = (raw) => linkable(decode(raw));

  function appendWithLinks(parent, text) {
    let at = 0;
    for (const m of text.matchAll(anchor)) {
      const href = safeHref(m[2]);
      if (!href) continue;
      if (m.index > at) parent.append(text.slice(at, m.index));
      const link = document.createElement("a");
      link.className = "link";
      link.href = href;
      link.textContent = decode(m[3]);
      link.addEventListener("click", (e) => { e.preventDefault(); openBrowser(href, link.textContent); });
      parent.append(link);
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.append(text.slice(at));
  }

  function drawMenu(menu) {
    const bar = $("menu");
    bar.replaceChildren();
    for (const button of (menu && menu.button) || []) {
      const cell = document.createElement("div");
      const top = document.createElement("button");
      top.type = "button";
      top.textContent = button.name;
      cell.append(top);
      const subs = button.sub_button || [];
      if (subs.length) {
        const panel = document.createElement("div");
        panel.className = "sub";
        panel.hidden = true;
        for (const sub of subs) panel.append(menuButton(sub));
        cell.append(panel);
        top.addEventListener("click", () => {
          for (const other of bar.querySelectorAll(".sub")) if (other !== panel) other.hidden = true;
          panel.hidden = !panel.hidden;
        });
      } else {
        top.addEventListener("click", () => press(button));
      }
      bar.append(cell);
    }
  }

  function menuButton(button) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = button.name;
    b.addEventListener("click", () => press(button));
    return b;
  }

  function press(button) {
    for (const panel of $("menu").querySelectorAll(".sub")) panel.hidden = true;
    if (button.type === "view") {
      act("/view", { url: button.url, name: button.name }, "");
      openBrowser(button.url, button.name);
    } else if (button.type === "click") {
      act("/click", { key: button.key, name: button.name }, `Tapped ${button.name}…`);
    } else {
      status(`The sandbox phone does not act out ${button.type} buttons yet.`);
    }
  }

  // The account's parametric QR codes (made through the platform API): scanning one follows, or for a
  // follower who already follows, sends a scan event.
  function drawCodes(codes) {
    $("codes").replaceChildren(...codes.map((code) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Scan “${code.scene}”${code.permanent ? "" : " (temporary)"}`;
      button.addEventListener("click", () => act("/follow", { scene: code.scene, ticket: code.ticket }, "Scanning…"));
      item.append(button);
      return item;
    }));
  }

  function openBrowser(url, title) {
    $("browser-title").textContent = title || url;
    $("browser-frame").src = url;
    $("browser").hidden = false;
  }

  async function refresh() {
    if (!current) return;
    const chat = await call("GET", `/followers/${encodeURIComponent(current)}/chat`).catch(() => null);
    if (!chat) return;
    const json = JSON.stringify(chat);
    if (json === drawn) return;
    drawn = json;
    $("chat").replaceChildren(...chat.lines.map(line));
    $("chat").scrollTop = $("chat").scrollHeight;
    drawMenu(chat.menu);
    drawCodes(chat.codes || []);
    $("texts").replaceChildren(...(chat.texts || []).map((t) => {
      const item = document.createElement("li");
      item.textContent = `${t.phone}: ${t.text}`;
      return item;
    }));
    const following = chat.follower.subscribed;
    $("follow").disabled = following;
    $("unfollow").disabled = !following;
    $("composer").hidden = !following;
    $("follow-first").hidden = following;
    $("window").textContent = chat.windowOpen ? "open" : "closed";
  }

  $("follower").addEventListener("change", (e) => choose(e.target.value));
  // Another account: its own followers (OpenIDs are per account), webhook, menu and chats.
  $("account-choice").addEventListener("change", () => {
    const option = $("account-choice").selectedOptions[0];
    $("account").textContent = option.dataset.name;
    $("webhook").textContent = option.dataset.webhook;
    current = null;
    drawn = "";
    $("chat").replaceChildren();
    drawMenu(null);
    loadFollowers();
  });
  $("new-follower").addEventListener("submit", async (e) => {
    e.preventDefault();
    const created = await call("POST", "/followers", { nickname: e.target.nickname.value });
    e.target.reset();
    await loadFollowers(created.openId);
  });
  $("follow").addEventListener("click", () => act("/follow", {}, "Following…"));
  $("unfollow").addEventListener("click", () => act("/unfollow", null, "Unfollowing…"));
  $("scan").addEventListener("submit", (e) => {
    e.preventDefault();
    act("/follow", { scene: e.target.scene.value }, "Scanning…");
  });
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = e.target.text.value;
    e.target.reset();
    act("/messages", { text }, "Sending…");
  });
  $("browser-close").addEventListener("click", () => { $("browser").hidden = true; $("browser-frame").src = "about:blank"; });

  loadFollowers();
  setInterval(refresh, 1500);
})();
