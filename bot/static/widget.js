/* Pomočnik CSD Koper: a chat widget for any website. Embed with one tag:
 *   <script src="https://GATEWAY/widget.js" data-title="…" data-position="right" data-color="#005a8c" defer></script>
 * Options (data attributes): data-gateway (default: where this script comes from), data-title,
 * data-position (right|left), data-color (#rgb or #rrggbb).
 * Plain JavaScript, no build step. Styles live in a Shadow DOM, apart from the host page. Everything
 * from the user or the server is inserted as text; only http(s), tel: and mailto: links are made clickable.
 * The help lines' numbers (112, 116 123 …) become tel: links in the assistant's words and the notice, never
 * in what the user typed; the list comes from the gateway (/api/config, from knowledge/data/help_lines.yml).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__csdKoperPomocnik) return;
  window.__csdKoperPomocnik = true;

  var data = script.dataset;
  var gateway = (data.gateway || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  var title = data.title || "Pomočnik CSD Koper";
  var color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || "") ? data.color : "#005a8c";
  var side = data.position === "left" ? "left" : "right";
  var STORAGE_KEY = "csd-koper-pomocnik-seja";
  var NOTICE = "Sem avtomatski pomočnik, ne človek. Ne pošiljajte osebnih podatkov. Če ste v nevarnosti, pokličite 112 ali 113.";
  var helpNumbers = null; // a RegExp of the help lines' numbers, once /api/config has answered
  var LINK = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]|tel:\+?[0-9][0-9 ]*[0-9]|mailto:[^\s<>"']+@[^\s<>"']*[^\s<>"'.,;:!?)])/g;

  function newSession() {
    var bytes = new Uint8Array(16); // 128 random bits
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function storedSession() {
    try {
      var saved = localStorage.getItem(STORAGE_KEY);
      if (saved && /^[0-9a-f]{32}$/.test(saved)) return saved;
      saved = newSession();
      localStorage.setItem(STORAGE_KEY, saved);
      return saved;
    } catch (e) {
      return newSession(); // storage blocked: a conversation for this page view only
    }
  }

  var session = storedSession();

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  /* The known numbers as a RegExp: "116 111" also matches "116111"; a longer number ("1120") does not. */
  function numbersPattern(numbers) {
    var known = (numbers || []).filter(function (n) { return /^[0-9][0-9 ]*$/.test(n); });
    if (!known.length) return null;
    known.sort(function (a, b) { return b.length - a.length; });
    var alternatives = known.map(function (n) { return n.trim().split(/ +/).join("[ \u00a0]?"); });
    return new RegExp("(?:" + alternatives.join("|") + ")(?![0-9]|[.,][0-9])", "g");
  }

  /* Plain text, with the help lines' numbers as tel: links when `numbers` is given. */
  function appendNumbers(parent, text, numbers) {
    var last = 0;
    if (numbers) text.replace(numbers, function (match, offset) {
      if (/[0-9][.,]?$/.test(text.slice(0, offset))) return match; // the end of a longer number (51.112)
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(el("a", { href: "tel:" + match.replace(/[^0-9]/g, ""), class: "tel" }, match));
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* Text with its links: every piece is a text node or an <a> whose text is set as text. */
  function appendText(parent, text, numbers) {
    var last = 0;
    text = String(text);
    text.replace(LINK, function (match, url, offset) {
      appendNumbers(parent, text.slice(last, offset), numbers);
      var link = el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url);
      var protocol = "";
      try { protocol = new URL(url).protocol; } catch (e) { protocol = ""; }
      parent.appendChild(["http:", "https:", "tel:", "mailto:"].indexOf(protocol) >= 0 ? link : document.createTextNode(url));
      last = offset + match.length;
      return match;
    });
    appendNumbers(parent, text.slice(last), numbers);
  }

  var host = el("div", { id: "csd-koper-pomocnik" });
  host.style.setProperty("--csd-color", color);
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("link", { rel: "stylesheet", href: gateway + "/widget.css" }));

  var launcher = el("button", { type: "button", class: "launcher " + side, "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "csd-panel" }, "Vprašajte pomočnika");
  var panel = el("section", { id: "csd-panel", class: "panel " + side, role: "dialog", "aria-label": title });
  panel.hidden = true;
  var header = el("header");
  header.appendChild(el("h2", {}, title));
  var restart = el("button", { type: "button", class: "restart" }, "Nov pogovor");
  var close = el("button", { type: "button", class: "close", "aria-label": "Zapri klepet" }, "×");
  header.appendChild(restart);
  header.appendChild(close);
  var notice = el("p", { class: "notice" }, NOTICE);
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Pogovor", tabindex: "0" });
  var typing = el("p", { class: "typing", "aria-hidden": "true" }, "Pomočnik piše …");
  typing.hidden = true;
  var problem = el("div", { class: "problem", role: "alert" });
  problem.hidden = true;
  var problemText = el("span");
  var retry = el("button", { type: "button", class: "retry" }, "Poskusi znova");
  problem.appendChild(problemText);
  problem.appendChild(retry);
  var form = el("form", { class: "compose" });
  var label = el("label", { for: "csd-input", class: "hidden-label" }, "Vaše vprašanje");
  var input = el("textarea", { id: "csd-input", rows: "2", maxlength: "4000", placeholder: "Napišite vprašanje …" });
  var sendButton = el("button", { type: "submit", class: "send" }, "Pošlji");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);
  [header, notice, log, typing, problem, form].forEach(function (part) { panel.appendChild(part); });
  root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(host);

  var busy = false;
  var queued = null; // a message sent while an answer is awaited goes out right after it
  var started = false;
  var lastAttempt = null;

  function scrollToNewest() { log.scrollTop = log.scrollHeight; }

  function clearQuickReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".quick"), function (group) { group.remove(); });
  }

  function addMessage(role, text, buttons) {
    var message = el("div", { class: "message " + role });
    message.appendChild(el("span", { class: "hidden-label" }, role === "user" ? "Vi: " : "Pomočnik: "));
    appendText(message, text, role === "assistant" ? helpNumbers : null);
    log.appendChild(message);
    if (buttons && buttons.length) {
      var group = el("div", { class: "quick", role: "group", "aria-label": "Predlagani odgovori" });
      buttons.forEach(function (button) {
        var quick = el("button", { type: "button" }, button.title);
        quick.addEventListener("click", function () { send({ payload: button.payload }, button.title); });
        group.appendChild(quick);
      });
      log.appendChild(group);
    }
    scrollToNewest();
    return message;
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    scrollToNewest();
  }

  function showProblem(text) {
    problemText.textContent = text;
    problem.hidden = false;
  }

  function post(body) {
    return fetch(gateway + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ session: session }, body))
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (!response.ok && response.status !== 429) throw new Error(reply.error || "napaka");
        return reply.messages || [];
      });
    });
  }

  /* Send a message; on failure nothing is lost: the typed text stays in the box, and "Poskusi znova"
   * sends the same again. */
  function send(body, shown, fromInput) {
    if (busy) {
      queued = [body, shown, fromInput];
      return;
    }
    lastAttempt = { body: body, shown: shown, fromInput: fromInput };
    problem.hidden = true;
    var mine = shown ? addMessage("user", shown) : null;
    clearQuickReplies();
    setBusy(true);
    post(body).then(function (messages) {
      if (fromInput && input.value === body.text) input.value = "";
      messages.forEach(function (m) { addMessage("assistant", m.text, m.buttons); });
      lastAttempt = null;
    }).catch(function () {
      if (mine) mine.remove();
      showProblem(navigator.onLine === false
        ? "Ni povezave z internetom. Sporočilo ni bilo poslano."
        : "Pomočnik se ne odziva. Sporočilo ni bilo poslano.");
    }).then(function () {
      setBusy(false);
      var next = queued;
      queued = null;
      if (next) send(next[0], next[1], next[2]);
    });
  }

  function greet() { send({ payload: "/greet" }, null, false); }

  function loadHistory() {
    setBusy(true);
    fetch(gateway + "/api/history?session=" + encodeURIComponent(session)).then(function (response) {
      return response.ok ? response.json() : { turns: [] };
    }).catch(function () { return { turns: [] }; }).then(function (history) {
      setBusy(false);
      var next = queued;
      queued = null;
      var turns = history.turns || [];
      turns.forEach(function (turn, index) {
        addMessage(turn.role === "user" ? "user" : "assistant", turn.text, index === turns.length - 1 ? turn.buttons : null);
      });
      if (!turns.length) greet();
      if (next) send(next[0], next[1], next[2]);
    });
  }

  /* The retention for the notice and the numbers to link, before the first message is shown. */
  function configure() {
    return fetch(gateway + "/api/config").then(function (response) { return response.json(); }).then(function (config) {
      helpNumbers = numbersPattern(config.help_lines);
      var days = parseInt(config.retention_days, 10);
      notice.textContent = "";
      appendText(notice, NOTICE + (days > 0 ? " Pogovor se izbriše " + days + " dni po zadnjem sporočilu." : ""), helpNumbers);
    }).catch(function () { /* the notice stays as it is, the numbers plain text */ });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (!started) { started = true; setBusy(true); configure().then(loadHistory); }
    input.focus();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(); else shut(); });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") shut(); });
  restart.addEventListener("click", function () {
    session = newSession();
    try { localStorage.setItem(STORAGE_KEY, session); } catch (e) { /* this page view only */ }
    log.textContent = "";
    problem.hidden = true;
    greet();
    input.focus();
  });
  retry.addEventListener("click", function () {
    if (lastAttempt) send(lastAttempt.body, lastAttempt.shown, lastAttempt.fromInput);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (text) send({ text: text }, text, true);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
})();
