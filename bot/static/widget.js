/* Pomočnik CSD Koper: a chat widget for any website, in every language the gateway serves. Embed with one tag:
 *   <script src="https://GATEWAY/widget.js" data-lang="sl" data-position="right" data-color="#005a8c" defer></script>
 * Options (data attributes): data-gateway (default: where this script comes from),
 * data-lang (sl|it|…: the language a new conversation starts in; without it, or when it is not served, the
 * page's <html lang>, then the browser's languages, the first served: "it-IT" gives Italian; else the
 * gateway's default), data-title, data-title-it … (the header in each language; default: the gateway's),
 * data-position (right|left), data-color (#rgb or #rrggbb).
 * Plain JavaScript, no build step. Styles live in a Shadow DOM, apart from the host page. Everything
 * from the user or the server is inserted as text; only http(s), tel: and mailto: links are made clickable.
 * Every word the widget shows comes from the gateway (/api/config, from knowledge/data/widget.yml and
 * knowledge/data/<code>/widget.yml), so the launcher appears once the gateway has answered. The conversation's
 * language is remembered with its session in localStorage, sent with every message and taken from every
 * answer; the header's language menu (a button showing "SL" that opens every served language by its own
 * name, as a WAI-ARIA menu button) asks the assistant to switch (/set_language).
 * The help lines' numbers (112, 116 123 …) become tel: links in the assistant's words and the notice, never
 * in what the user typed; the list comes from the gateway (/api/config, from knowledge/data/help_lines.yml).
 * Under the newest answer that can be rated (one with an answer_id), "Je bil odgovor v pomoč?" with 👍/👎:
 * once pressed (POST /api/feedback) a short thanks takes its place; the next message removes an unanswered one.
 * On a phone (PHONE, as in widget.css) the open panel is a full-screen modal dialog over the locked page.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__csdKoperPomocnik) return;
  window.__csdKoperPomocnik = true;

  var data = script.dataset;
  var gateway = (data.gateway || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  var color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || "") ? data.color : "#005a8c";
  var side = data.position === "left" ? "left" : "right";
  var STORAGE_KEY = "csd-koper-pomocnik-seja";
  var LANGUAGE_KEY = "csd-koper-pomocnik-jezik"; // "<session>:<language>": the language of that conversation
  var helpNumbers = null; // a RegExp of the help lines' numbers, once /api/config has answered
  var languages = {}; // the widget's words by language, from /api/config
  var names = {}; // every served language by its own name, in the gateway's order
  var hints = {}; // language tags read as a served language ("bs": "hr")
  var defaultLanguage = "sl";
  var language = null; // the conversation's language, once /api/config has answered
  var retentionDays = 0;
  var LINK = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]|tel:\+?[0-9][0-9 ]*[0-9]|mailto:[^\s<>"']+@[^\s<>"']*[^\s<>"'.,;:!?)])/g;

  function newSession() {
    var bytes = new Uint8Array(16); // 128 random bits
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function recall(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function remember(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* storage blocked: for this page view only */ }
  }

  function storedSession() {
    var saved = recall(STORAGE_KEY);
    if (saved && /^[0-9a-f]{32}$/.test(saved)) return saved;
    saved = newSession();
    remember(STORAGE_KEY, saved);
    return saved;
  }

  var session = storedSession();

  function served(code) { return Object.prototype.hasOwnProperty.call(languages, code); }

  /* The language to start in: this conversation's, else the first served of the script tag's data-lang, the
   * page's lang and the browser's languages, each by its language alone ("it-IT": it). */
  function firstLanguage() {
    var saved = (recall(LANGUAGE_KEY) || "").split(":");
    if (saved[0] === session && served(saved[1])) return saved[1];
    var tags = [data.lang, document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < tags.length; i++) {
      var code = String(tags[i] || "").trim().toLowerCase().split(/[-_]/)[0];
      code = served(hints[code]) ? hints[code] : code;
      if (served(code)) return code;
    }
    return defaultLanguage;
  }

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

  /* The words come from showLanguage(), in the conversation's language. */
  var launcher = el("button", { type: "button", class: "launcher " + side, "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "csd-panel" });
  launcher.hidden = true; // until the gateway has given the widget its words
  var panel = el("section", { id: "csd-panel", class: "panel " + side, role: "dialog", tabindex: "-1" });
  panel.hidden = true;
  var header = el("header");
  var heading = el("h2");
  var picker = el("div", { class: "picker" });
  var switcher = el("button", { type: "button", class: "language", "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": "csd-languages" });
  var menu = el("div", { id: "csd-languages", class: "menu", role: "menu" });
  menu.hidden = true;
  picker.appendChild(switcher);
  picker.appendChild(menu);
  var restart = el("button", { type: "button", class: "restart" });
  var close = el("button", { type: "button", class: "close" }, "×");
  var actions = el("div", { class: "actions" });
  [picker, restart, close].forEach(function (part) { actions.appendChild(part); });
  header.appendChild(heading);
  header.appendChild(actions);
  var notice = el("p", { class: "notice" });
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", tabindex: "0" });
  var typing = el("p", { class: "typing", "aria-hidden": "true" });
  typing.hidden = true;
  var problem = el("div", { class: "problem", role: "alert" });
  problem.hidden = true;
  var problemText = el("span");
  var problemLabel = null; // the id of the problem's words, to say them again in another language
  var retry = el("button", { type: "button", class: "retry" });
  problem.appendChild(problemText);
  problem.appendChild(retry);
  var form = el("form", { class: "compose" });
  var label = el("label", { for: "csd-input", class: "hidden-label" });
  var input = el("textarea", { id: "csd-input", rows: "2", maxlength: "4000" });
  var sendButton = el("button", { type: "submit", class: "send" });
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);
  [header, notice, log, typing, problem, form].forEach(function (part) { panel.appendChild(part); });
  root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(host);
  configure(0);

  var busy = false;
  var queued = null; // a message sent while an answer is awaited goes out right after it
  var started = false;
  var lastAttempt = null;

  function scrollToNewest() { log.scrollTop = log.scrollHeight; }

  function clearQuickReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".quick, .rate"), function (group) { group.remove(); });
  }

  function words() { return languages[language]; }

  function speaker(role) { return (role === "user" ? words().you : words().assistant) + " "; }

  /* Every word of the widget in `code` (the gateway's default language when it has no words for it). */
  function showLanguage(code) {
    if (!served(code)) code = defaultLanguage;
    language = code;
    remember(LANGUAGE_KEY, session + ":" + code);
    var w = words();
    var title = data["title" + code.charAt(0).toUpperCase() + code.slice(1)] || (code === "sl" && data.title) || w.title;
    [host, launcher, panel].forEach(function (node) { node.setAttribute("lang", code); });
    launcher.textContent = w.open;
    panel.setAttribute("aria-label", title);
    heading.textContent = title;
    switcher.textContent = code.toUpperCase();
    switcher.setAttribute("aria-label", w.language_menu + ": " + (names[code] || code));
    menu.setAttribute("aria-label", w.language_menu);
    Array.prototype.forEach.call(menu.children, function (item) {
      item.setAttribute("aria-checked", String(item.lang === code));
    });
    restart.textContent = w.restart;
    close.setAttribute("aria-label", w.close);
    notice.textContent = "";
    /* By sentence: after the first, one without a help line is an "aside" span (hidden when short). */
    (w.notice + (retentionDays > 0 ? " " + w.retention : "")).replace(/([.!?]\s+)/g, "$1\u0000").split("\u0000").forEach(function (sentence, i) {
      var aside = i && helpNumbers && sentence.search(helpNumbers) < 0;
      appendText(aside ? notice.appendChild(el("span", { class: "aside" })) : notice, sentence, helpNumbers);
    });
    log.setAttribute("aria-label", w.log);
    typing.textContent = w.typing;
    if (problemLabel) problemText.textContent = w[problemLabel];
    retry.textContent = w.retry;
    label.textContent = w.question;
    input.setAttribute("placeholder", w.placeholder);
    sendButton.textContent = w.send;
    Array.prototype.forEach.call(log.querySelectorAll(".message > .hidden-label"), function (span) {
      span.textContent = speaker(span.parentNode.classList.contains("user") ? "user" : "assistant");
    });
    Array.prototype.forEach.call(log.querySelectorAll(".quick"), function (group) {
      group.setAttribute("aria-label", w.quick_replies);
    });
  }

  function addMessage(role, text, buttons) {
    var message = el("div", { class: "message " + role });
    message.appendChild(el("span", { class: "hidden-label" }, speaker(role)));
    appendText(message, text, role === "assistant" ? helpNumbers : null);
    log.appendChild(message);
    if (buttons && buttons.length) {
      var group = el("div", { class: "quick", role: "group", "aria-label": words().quick_replies });
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

  /* "Was the answer helpful?" with 👍/👎 under the newest answer; it never takes the focus from the text box. */
  function offerFeedback(answerId) {
    var w = words();
    var row = el("div", { class: "rate", role: "group", "aria-label": w.feedback_question });
    row.appendChild(el("span", { "aria-hidden": "true" }, w.feedback_question));
    [["up", "\ud83d\udc4d", w.feedback_up], ["down", "\ud83d\udc4e", w.feedback_down]].forEach(function (thumb) {
      var button = el("button", { type: "button", "aria-label": thumb[2] }, thumb[1]);
      button.addEventListener("click", function () { rate(row, answerId, thumb[0]); });
      row.appendChild(button);
    });
    log.appendChild(row);
    scrollToNewest();
  }

  /* Send the feedback; 409 (given already) is thanked for too; on an error the buttons can be pressed again. */
  function rate(row, answerId, value) {
    var buttons = row.querySelectorAll("button");
    var focused = row.contains(root.activeElement);
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    fetch(gateway + "/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: session, answer_id: answerId, value: value })
    }).then(function (response) {
      if (!response.ok && response.status !== 409) throw new Error("feedback " + response.status);
      row.replaceWith(el("p", { class: "thanks" }, words().feedback_thanks));
      if (focused) input.focus();
    }).catch(function () {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
    });
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    scrollToNewest();
  }

  function showProblem(labelId) {
    problemLabel = labelId;
    problemText.textContent = words()[labelId];
    problem.hidden = false;
  }

  function hideProblem() {
    problemLabel = null;
    problem.hidden = true;
  }

  /* One message, with the conversation's language as the widget knows it; the answer: {messages, language}. */
  function post(body) {
    return fetch(gateway + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ session: session, language: language }, body))
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (!response.ok && response.status !== 429) throw new Error(reply.error || "error");
        return reply;
      });
    });
  }

  /* Send a message; on failure nothing is lost: the typed text stays in the box, and "Poskusi znova"
   * ("Riprova") sends the same again. The answer's language becomes the widget's. */
  function send(body, shown, fromInput) {
    if (busy) {
      queued = [body, shown, fromInput];
      return;
    }
    lastAttempt = { body: body, shown: shown, fromInput: fromInput };
    hideProblem();
    var mine = shown ? addMessage("user", shown) : null;
    clearQuickReplies();
    setBusy(true);
    post(body).then(function (reply) {
      if (fromInput && input.value === body.text) input.value = "";
      if (reply.language && reply.language !== language) showLanguage(reply.language);
      (reply.messages || []).forEach(function (m) { addMessage("assistant", m.text, m.buttons); });
      if (reply.answer_id) offerFeedback(reply.answer_id);
      lastAttempt = null;
    }).catch(function () {
      if (mine) mine.remove();
      showProblem(navigator.onLine === false ? "offline" : "unavailable");
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

  /* The widget's words in every language, the retention for the notice and the numbers to link; the
   * launcher shows once they are there (the gateway is asked again a few times while it does not answer). */
  function configure(attempt) {
    fetch(gateway + "/api/config").then(function (response) {
      if (!response.ok) throw new Error("config " + response.status);
      return response.json();
    }).then(function (config) {
      if (!config.languages || !Object.keys(config.languages).length) throw new Error("config without words");
      languages = config.languages;
      names = config.language_names || {};
      hints = config.language_hints || {};
      defaultLanguage = served(config.default_language) ? config.default_language : Object.keys(languages)[0];
      Object.keys(languages).forEach(function (code) {
        var item = el("button", { type: "button", role: "menuitemradio", lang: code, tabindex: "-1" }, names[code] || code);
        item.addEventListener("click", function () { choose(code); });
        menu.appendChild(item);
      });
      helpNumbers = numbersPattern(config.help_lines);
      retentionDays = parseInt(config.retention_days, 10) || 0;
      showLanguage(firstLanguage());
      launcher.hidden = false;
    }).catch(function () {
      if (attempt < 6) setTimeout(function () { configure(attempt + 1); }, 10000);
    });
  }

  var PHONE = window.matchMedia("(max-width: 480px), (max-height: 480px)"); // as in widget.css
  var view = window.visualViewport;
  var locked = null; // while full screen: the page's own overflow styles, given back on close

  function layout() {
    var full = PHONE.matches && !panel.hidden;
    var styles = [document.documentElement.style, document.body.style];
    if (full) panel.setAttribute("aria-modal", "true"); else panel.removeAttribute("aria-modal");
    if (full && !locked) locked = styles.map(function (style) { var own = style.overflow; style.overflow = "hidden"; return own; });
    if (!full && locked) { styles.forEach(function (style, i) { style.overflow = locked[i]; }); locked = null; }
    fit();
  }

  /* Full screen: fitted to what is seen (above the on-screen keyboard), unless zoomed in. */
  function fit() {
    var fitted = !!(locked && view && Math.abs(view.scale - 1) < 0.01);
    panel.classList.toggle("fitted", fitted);
    panel.classList.toggle("short", !!locked && (fitted ? view.height : innerHeight) < 480);
    if (fitted) {
      panel.style.setProperty("--csd-top", view.offsetTop + "px");
      panel.style.setProperty("--csd-height", view.height + "px");
    }
  }

  /* Tapped open on a phone, the dialog takes the focus (no keyboard over the greeting); else the text box. */
  function open(tapped) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    layout();
    if (!started) { started = true; loadHistory(); }
    (tapped && locked ? panel : input).focus();
  }

  function shut() {
    fold(false);
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    layout();
    launcher.focus();
  }

  launcher.addEventListener("click", function (event) { if (panel.hidden) open(event.detail > 0); else shut(); });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") menu.hidden ? shut() : fold(true);
    if (event.key !== "Tab" || !locked) return;
    var stops = Array.prototype.filter.call(panel.querySelectorAll("button, textarea, a[href], [tabindex='0']"), function (node) {
      return !node.disabled && node.getClientRects().length;
    });
    var edge = event.shiftKey ? stops[0] : stops[stops.length - 1];
    if (root.activeElement === edge || root.activeElement === panel) {
      event.preventDefault();
      (event.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
    }
  });
  if (PHONE.addEventListener) PHONE.addEventListener("change", layout); // not in Safari before 14
  if (view) { view.addEventListener("resize", fit); view.addEventListener("scroll", fit); }
  restart.addEventListener("click", function () {
    session = newSession();
    remember(STORAGE_KEY, session);
    remember(LANGUAGE_KEY, session + ":" + language); // the new conversation goes on in the language chosen
    log.textContent = "";
    hideProblem();
    greet();
    input.focus();
  });
  /* The language menu: opened on the language in use (ArrowUp: the last), arrows and Home/End move, Escape
   * and a choice close it and give the focus back to its button; Tab or a click elsewhere closes it. */
  function unfold(index) {
    var items = menu.children;
    menu.hidden = false;
    switcher.setAttribute("aria-expanded", "true");
    (items[index] || menu.querySelector("[aria-checked=true]") || items[0]).focus();
  }

  function fold(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    switcher.setAttribute("aria-expanded", "false");
    if (refocus) switcher.focus();
  }

  function choose(code) {
    fold(true);
    if (code !== language) send({ payload: "/set_language" + JSON.stringify({ language: code }) }, null, false);
  }

  switcher.addEventListener("click", function () { menu.hidden ? unfold() : fold(true); });
  switcher.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    unfold(event.key === "ArrowUp" ? menu.children.length - 1 : undefined);
  });
  menu.addEventListener("keydown", function (event) {
    var items = Array.prototype.slice.call(menu.children), at = items.indexOf(root.activeElement), n = items.length;
    var to = { ArrowDown: at + 1, ArrowUp: at - 1 + n, Home: 0, End: n - 1 }[event.key];
    if (event.key === "Tab") fold(false);
    if (to === undefined) return;
    event.preventDefault();
    items[to % n].focus();
  });
  document.addEventListener("click", function (event) {
    if (event.composedPath().indexOf(picker) < 0) fold(false);
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
