/* Vern chat widget. Plain JavaScript on the socket.io client that /widget.js bundles; no third-party requests.
 *
 * Embed:  <script src="https://vern.example.no/widget.js"></script>
 *         <script>VernWidget.mount({ language: "nb" });</script>
 *
 * The conversation id lives in sessionStorage (never in a URL), so a reload keeps the chat and closing
 * the tab forgets it. The page's words come from the server (window.VernWidgetConfig.strings). */
(function () {
  "use strict";
  var CONFIG = window.VernWidgetConfig || {};
  var STORAGE = { sender: "vern.sender", log: "vern.log", lang: "vern.lang", since: "vern.updatesSince",
                  open: "vern.open", handoff: "vern.handoff" };
  var POLL_MS = 1000;  // a caseworker's or a guardian's words should show within a second
  var HISTORY_MAX = 200;

  function store(key, value) {
    try {
      if (value === null || value === undefined) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) { /* storage full or blocked: the chat still works, only a reload forgets it */ }
  }
  function stored(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function scriptBase() {
    var src = CONFIG.scriptUrl || "";
    return src ? src.replace(/\/widget\.js(\?.*)?$/, "") : "";
  }

  function mount(options) {
    options = options || {};
    var languages = CONFIG.languages || ["nb", "nn", "da", "en"];
    var lang = stored(STORAGE.lang) || (languages.indexOf(options.language) >= 0 ? options.language : null) ||
      CONFIG.defaultLanguage || languages[0];
    var picked = null;  // set when the person chooses a language; sent with their next message
    var history = [];
    try { history = JSON.parse(stored(STORAGE.log) || "[]"); } catch (e) { history = []; }
    var nextId = history.length;

    function t(key) {
      var table = (CONFIG.strings || {})[lang] || (CONFIG.strings || {}).en || {};
      return table[key] || key;
    }

    if (scriptBase() && !document.querySelector('link[data-vern-css]')) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: scriptBase() + "/static/widget.css",
                                              "data-vern-css": "1" }));
    }

    // --- the frame: a launcher button and the chat panel it opens ---
    var launcher = el("button", { type: "button", "class": "vern-launcher", "aria-expanded": "false",
                                  "aria-controls": "vern-panel", "data-testid": "vern-launcher" });
    var panel = el("section", { id: "vern-panel", "class": "vern-widget", "aria-labelledby": "vern-title",
                                hidden: "" });
    var header = el("div", { "class": "vern-header" });
    var title = el("h2", { id: "vern-title" });
    var close = el("button", { type: "button", "class": "vern-icon", "data-testid": "vern-close" }, "×");
    header.appendChild(title); header.appendChild(close);

    var tools = el("div", { "class": "vern-tools" });
    var langLabel = el("label", { "for": "vern-language" });
    var langSelect = el("select", { id: "vern-language", "data-testid": "vern-language" });
    languages.forEach(function (code) {
      var option = el("option", { value: code, lang: code }, (CONFIG.languageNames || {})[code] || code);
      langSelect.appendChild(option);
    });
    var copyButton = el("button", { type: "button", "class": "vern-tool", "data-testid": "vern-copy",
                                    "aria-expanded": "false", "aria-controls": "vern-copy-form" });
    var end = el("button", { type: "button", "class": "vern-tool vern-end", "data-testid": "vern-end" });
    tools.appendChild(langLabel); tools.appendChild(langSelect); tools.appendChild(copyButton); tools.appendChild(end);

    var notice = el("p", { "class": "vern-notice", id: "vern-notice", "data-testid": "vern-notice" });
    // The live region wraps the list: role=log on the <ol> itself would hide its items' list semantics.
    var log = el("div", { "class": "vern-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                          "aria-labelledby": "vern-title", tabindex: "0", "data-testid": "vern-log" });
    var list = el("ol", { "class": "vern-list" });
    log.appendChild(list);
    var status = el("p", { "class": "vern-status", role: "status", "aria-live": "polite",
                           "data-testid": "vern-status" });

    // The copy-by-e-mail form: the address stays in this form (memory), never in storage.
    var copyForm = el("form", { id: "vern-copy-form", "class": "vern-copy", hidden: "", novalidate: "" });
    var copyIntro = el("p", { "class": "vern-copy-intro" });
    var emailLabel = el("label", { "for": "vern-copy-email" });
    var emailInput = el("input", { id: "vern-copy-email", type: "email", autocomplete: "email",
                                   maxlength: "320", "aria-describedby": "vern-copy-status" });
    var codeLabel = el("label", { "for": "vern-copy-code", hidden: "" });
    var codeInput = el("input", { id: "vern-copy-code", type: "text", inputmode: "numeric",
                                  autocomplete: "one-time-code", maxlength: "12", hidden: "",
                                  "aria-describedby": "vern-copy-status" });
    var copySubmit = el("button", { type: "submit", "data-testid": "vern-copy-submit" });
    var copyCancel = el("button", { type: "button", "class": "vern-secondary" });
    var copyStatus = el("p", { id: "vern-copy-status", role: "status", "aria-live": "polite",
                               "data-testid": "vern-copy-status" });
    var copyActions = el("div", { "class": "vern-copy-actions" });
    copyActions.appendChild(copySubmit); copyActions.appendChild(copyCancel);
    [copyIntro, emailLabel, emailInput, codeLabel, codeInput, copyStatus, copyActions]
      .forEach(function (n) { copyForm.appendChild(n); });

    var form = el("form", { "class": "vern-form" });
    var inputLabel = el("label", { "for": "vern-input", "class": "vern-sr-only" });
    // No maxlength: it would cut a pasted text without a word (and lose the question at its end).
    // Over the limit, the counter says so and the message is not sent.
    var MAX_CHARS = CONFIG.maxChars || 2000;
    var input = el("input", { id: "vern-input", type: "text", autocomplete: "off",
                              "aria-describedby": "vern-notice vern-counter" });
    var send = el("button", { type: "submit", "data-testid": "vern-send" });
    var counter = el("p", { id: "vern-counter", "class": "vern-counter", "aria-live": "polite",
                            "data-testid": "vern-counter", hidden: "" });
    form.appendChild(inputLabel); form.appendChild(input); form.appendChild(send); form.appendChild(counter);

    [header, tools, notice, log, status, copyForm, form].forEach(function (n) { panel.appendChild(n); });
    var root = el("div", { "class": "vern-root" });
    root.appendChild(launcher); root.appendChild(panel);
    document.body.appendChild(root);

    function applyLanguage() {
      panel.setAttribute("lang", lang);
      launcher.setAttribute("lang", lang);
      launcher.textContent = t("launcher");
      title.textContent = t("title");
      close.setAttribute("aria-label", t("close"));
      close.setAttribute("title", t("close"));
      langLabel.textContent = t("language");
      langSelect.value = lang;
      copyButton.textContent = t("copy");
      end.textContent = t("end");
      notice.textContent = t("notice");
      inputLabel.textContent = t("input");
      input.setAttribute("placeholder", t("placeholder"));
      send.textContent = t("send");
      if (!counter.hidden) updateCounter();
      copyIntro.textContent = t("copy_intro");
      emailLabel.textContent = t("copy_email");
      codeLabel.textContent = t("copy_code");
      copySubmit.textContent = codeInput.hidden ? t("copy_get_code") : t("copy_send");
      copyCancel.textContent = t("cancel");
      log.querySelectorAll(".vern-who").forEach(function (who) {
        who.textContent = t(who.getAttribute("data-role")) + ": ";
      });
    }

    function setOpen(open, focusInside) {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", open ? "true" : "false");
      store(STORAGE.open, open ? "1" : null);
      if (open && focusInside) input.focus();
      if (!open) launcher.focus();
    }
    launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
    close.addEventListener("click", function () { setOpen(false); });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || panel.hidden) return;
      var active = document.activeElement;
      if (active && active !== document.body && !panel.contains(active)) return;  // the host page's own Escape
      event.preventDefault();
      setOpen(false);
    });

    // --- messages ---
    function remember(entry) {
      history.push(entry);
      if (history.length > HISTORY_MAX) history = history.slice(-HISTORY_MAX);
      store(STORAGE.log, JSON.stringify(history));
    }
    function saveHistory() { store(STORAGE.log, JSON.stringify(history)); }

    function scrollToLatest() { log.scrollTop = log.scrollHeight; }
    function render(entry) {
      var item = el("li", { "class": "vern-msg " + entry.who, "data-who": entry.who });
      if (entry.id) item.setAttribute("data-id", entry.id);
      var role = entry.who === "user" ? "you" : (entry.who === "caseworker" ? "caseworker" : "bot");
      if (entry.who === "warning") role = "bot";
      var who = el("span", { "class": "vern-who", "data-role": role }, t(role) + ": ");
      var text = el("span", { "class": "vern-text" }, entry.text);
      item.appendChild(who); item.appendChild(text);
      if (entry.warning) addWarning(item, entry.warning);
      if (entry.toCaseworker) markSent(item);
      list.appendChild(item);
      if (entry.buttons && entry.buttons.length) {
        var row = el("div", { "class": "vern-buttons", role: "group", "aria-label": entry.text.slice(0, 80) });
        entry.buttons.forEach(function (b) {
          var button = el("button", { type: "button" }, b.title);
          if (entry.used) button.disabled = true;
          button.addEventListener("click", function () {
            entry.used = true; saveHistory();
            row.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
            input.focus();  // a spent choice cannot hold focus; the conversation goes on in the input
            say(b.payload, b.title);
          });
          row.appendChild(button);
        });
        item.appendChild(row);
      }
      scrollToLatest();
      return item;
    }
    function addWarning(item, warning) {
      if (item.querySelector(".vern-warning")) return;
      item.appendChild(el("p", { "class": "vern-warning", role: "note", "data-testid": "vern-warning" }, warning));
      scrollToLatest();  // the warning makes the message taller: the bot's reply below must stay in view
    }
    function markSent(item) {
      item.setAttribute("data-to", "caseworker");
      if (!item.querySelector(".vern-sent")) item.appendChild(el("span", { "class": "vern-sent" },
                                                                 t("sent_to_caseworker")));
    }
    function show(who, text, buttons, keep) {
      var entry = { who: who, text: text, buttons: buttons || [] };
      render(entry);
      if (keep) remember(entry);
    }
    history.forEach(render);

    // --- the socket ---
    var socket = null;
    var expectNext = null;  // Vern's marker for the next text message (a warning, an error, a caseworker)
    var confirmed = false;
    var waiting = [];  // messages typed before the session was confirmed
    var requesting = false;
    function join() {
      requesting = true;
      socket.emit("session_request", { session_id: stored(STORAGE.sender) });
    }
    function connect() {
      var io = CONFIG.io || window.io;
      if (typeof io !== "function" || !CONFIG.socketUrl) {
        status.textContent = t("unavailable");
        return;
      }
      socket = io(CONFIG.socketUrl, { path: CONFIG.socketPath || "/socket.io",
                                             transports: ["websocket", "polling"] });
      socket.on("connect", function () {
        status.textContent = "";
        confirmed = false; requesting = false;
        // A chat this tab holds is picked up again; a new one waits for the first message.
        if (stored(STORAGE.sender) || waiting.length) join();
      });
      socket.on("session_confirm", function (id) {
        store(STORAGE.sender, id);
        confirmed = true; requesting = false;
        var queued = waiting; waiting = [];
        queued.forEach(function (m) { m.session_id = id; socket.emit("user_uttered", m); });
      });
      socket.on("connect_error", function () { status.textContent = t("reconnecting"); });
      socket.on("disconnect", function () { confirmed = false; status.textContent = t("reconnecting"); });
      // Everything a person reads arrives as a plain Rasa message ({text} or {text, quick_replies}), as
      // for any Rasa client; Vern's custom messages only say how to show the next one, or what to forget.
      socket.on("bot_uttered", function (message) {
        message = message || {};
        var custom = message.custom || {};
        if (custom.vern === "next") { expectNext = custom; return; }
        if (custom.vern === "clear_transcript") { forget(); return; }
        if (custom.vern_control === "await_updates") { awaitUpdates(); return; }
        if (!message.text) return;
        var marked = expectNext; expectNext = null;
        if (marked && marked.as === "warning") {
          var mine = marked.message_id ? log.querySelector('[data-id="' + marked.message_id + '"]') : null;
          if (mine) {
            addWarning(mine, message.text);
            history.forEach(function (h) { if (h.id === marked.message_id) h.warning = message.text; });
            saveHistory();
          } else {
            show("warning", message.text, null, true);
          }
          return;
        }
        if (marked && marked.as === "error") { show("error", message.text, null, false); return; }
        var buttons = (message.quick_replies || message.buttons || []).map(function (q) {
          return { title: q.title, payload: q.payload };
        });
        var fromCaseworker = marked && marked.as === "caseworker";
        show(fromCaseworker ? "caseworker" : "bot", message.text, buttons, true);
        if (fromCaseworker) {
          // A caseworker's words prove the chat was taken; the status need not wait for the next poll.
          store(STORAGE.handoff, "taken");
          status.textContent = t("caseworker_joined");
        } else if (!stored(STORAGE.handoff)) {
          status.textContent = "";
        }
      });
      socket.on("vern_turn", function (turn) {
        var item = turn.message_id ? log.querySelector('[data-id="' + turn.message_id + '"]') : null;
        var entry = null;
        history.forEach(function (h) { if (h.id && h.id === turn.message_id) entry = h; });
        if (item && turn.stored_text) {
          // What Vern kept of the message: show that, and keep only that in this tab.
          item.querySelector(".vern-text").textContent = turn.stored_text;
          if (entry) entry.text = turn.stored_text;
        }
        if (item && turn.warning) { addWarning(item, turn.warning); if (entry) entry.warning = turn.warning; }
        if (item && turn.to_caseworker) { markSent(item); if (entry) entry.toCaseworker = true; }
        if (turn.forgotten) { forget(); return; }
        if (entry) saveHistory();
        if (turn.language && turn.language !== lang && !picked) { lang = turn.language; store(STORAGE.lang, lang); applyLanguage(); }
      });
    }

    function say(message, shown) {
      var id = "m" + (++nextId) + "-" + Date.now().toString(36);
      var entry = { who: "user", text: shown || message, id: id };
      render(entry); remember(entry);
      var payload = { message: message, message_id: id, metadata: {}, session_id: stored(STORAGE.sender) };
      // The widget's own language goes along for words said before the chat has one (errors).
      payload.metadata.widget_language = lang;
      if (picked) { payload.metadata.language = picked; picked = null; }
      if (!socket) { show("error", t("unavailable"), null, false); return; }
      if (confirmed) { socket.emit("user_uttered", payload); return; }
      waiting.push(payload);
      if (!requesting && socket.connected) join();
    }

    // Answers that arrive between turns (a guardian approving in Telegram, a caseworker) are fetched,
    // only after Vern said one may come, and only while this tab keeps the chat.
    var pollTimer = null;
    function awaitUpdates() {
      if (stored(STORAGE.since) === null) store(STORAGE.since, "0");
      if (!pollTimer) pollTimer = setInterval(pollUpdates, POLL_MS);
    }
    function stopUpdates() {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      store(STORAGE.since, null);
      store(STORAGE.handoff, null);
    }
    function pollUpdates() {
      var since = stored(STORAGE.since);
      if (!stored(STORAGE.sender) || since === null) { stopUpdates(); return; }
      if (!socket || !confirmed) return;
      socket.timeout(5000).emit("vern_updates", { since: parseFloat(since) || 0, language: lang },
        function (err, body) {
          if (err || !body) return;  // the next poll tries again
          // The messages themselves arrive on the socket (bot_uttered), as for any Rasa client;
          // this asks only where the handoff stands, for the status line.
          if (body.handoff === "waiting" || body.handoff === "taken") {
            store(STORAGE.handoff, body.handoff);
            status.textContent = t(body.handoff === "taken" ? "caseworker_joined" : "caseworker_waiting");
          } else if (body.handoff === "ended") {
            // The chat with the caseworker is deleted; the next message starts a new chat.
            stopUpdates();
            forget();
            status.textContent = "";
            show("bot", body.ended_text, null, false);
          } else if (stored(STORAGE.handoff)) {
            store(STORAGE.handoff, null);
            status.textContent = "";
          }
        });
    }
    if (stored(STORAGE.since) !== null) awaitUpdates();

    function forget() {
      stopUpdates();
      store(STORAGE.sender, null);
      store(STORAGE.log, null);
      history = [];
      confirmed = false;  // the next message asks for a new chat
    }

    // Ending starts the masking clock on the server and forgets the chat in this tab:
    // the next message begins a new conversation with a new id.
    end.addEventListener("click", function () {
      if (!stored(STORAGE.sender) || !socket) return;
      socket.timeout(15000).emit("vern_end", { language: lang }, function (err, body) {
        if (err || !body) { show("error", t("unavailable"), null, false); return; }
        if (body.error) { show("error", body.text, null, false); return; }
        forget();
        show("bot", body.text, null, false);
      });
    });

    // --- e-mail me a copy ---
    function showCopy(open) {
      // The copy form takes the place of the notice and the message field while it is open.
      copyForm.hidden = !open;
      notice.hidden = open;
      form.hidden = open;
      copyButton.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function resetCopy() {
      emailInput.value = ""; codeInput.value = "";
      codeInput.hidden = true; codeLabel.hidden = true;
      copyStatus.textContent = "";
      copySubmit.textContent = t("copy_get_code");
    }
    copyButton.addEventListener("click", function () {
      var opening = copyForm.hidden;
      showCopy(opening);
      if (opening) { resetCopy(); emailInput.focus(); } else { input.focus(); }
    });
    copyCancel.addEventListener("click", function () {
      resetCopy(); showCopy(false); copyButton.focus();
    });
    copyForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!socket || !confirmed) { copyStatus.textContent = t("unavailable"); return; }
      var asking = codeInput.hidden;
      var payload = { email: emailInput.value.trim(), language: lang };
      if (!asking) payload.code = codeInput.value.trim();
      copySubmit.disabled = true;
      socket.timeout(20000).emit(asking ? "vern_copy_code" : "vern_copy_send", payload, function (err, body) {
        copySubmit.disabled = false;
        if (err || !body) { copyStatus.textContent = t("unavailable"); return; }
        copyStatus.textContent = body.text;
        if (asking && body.ok) {
          codeInput.hidden = false; codeLabel.hidden = false;
          copySubmit.textContent = t("copy_send");
          codeInput.focus();
        } else if (!asking && body.ok) {
          resetCopy();  // the address is not kept, here either
          showCopy(false);
          status.textContent = body.text;
          input.focus();
        } else if (body.field === "email") {
          codeInput.hidden = true; codeLabel.hidden = true;
          copySubmit.textContent = t("copy_get_code");
          emailInput.focus();
        } else if (body.field === "code") {
          codeInput.focus();
        }
      });
    });

    // --- language picker ---
    langSelect.addEventListener("change", function () {
      if (languages.indexOf(langSelect.value) < 0) return;
      lang = langSelect.value;
      picked = lang;
      store(STORAGE.lang, lang);
      applyLanguage();
    });

    function updateCounter() {
      var count = input.value.trim().length;
      var over = count > MAX_CHARS;
      // Shown from 90 % of the limit, and as a refusal above it.
      counter.hidden = count < MAX_CHARS * 0.9;
      counter.textContent = (over ? t("too_long") : t("counter")).replace("{count}", String(count));
      counter.classList.toggle("vern-counter-over", over);
      if (over) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      return over;
    }
    input.addEventListener("input", updateCounter);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      if (updateCounter()) { input.focus(); return; }  // refused, visibly; the text stays to be shortened
      input.value = "";
      updateCounter();
      say(text);
    });

    applyLanguage();
    connect();
    setOpen(options.open === true || stored(STORAGE.open) === "1", false);
    if (options.open === true) input.focus();
    return root;
  }

  window.VernWidget = { mount: mount };
})();
