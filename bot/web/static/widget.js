/* Vern chat widget (minimal). Plain JavaScript, no third-party requests.
 * The conversation id lives in sessionStorage (never in a URL), so a reload
 * keeps the chat and closing the tab forgets it. */
(function () {
  "use strict";
  var STORAGE_KEY = "vern.sender";
  var LOG_KEY = "vern.log";
  var POLL_KEY = "vern.updatesSince";  // set while someone outside the chat (a guardian) may answer
  var POLL_MS = 1000;  // a caseworker's words should show within a second

  function senderId() {
    var id = sessionStorage.getItem(STORAGE_KEY);
    if (!id) {
      id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
        : String(Date.now()) + "-" + Math.random().toString(36).slice(2);
      sessionStorage.setItem(STORAGE_KEY, id);
    }
    return id;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function mount(options) {
    var endpoint = (options && options.endpoint) || "/api/chat";
    var root = el("section", { "class": "vern-widget", "aria-label": "Vern chat" });
    var header = el("div", { "class": "vern-header" });
    var title = el("h2", { id: "vern-title" }, "Vern");
    var end = el("button", { type: "button", "class": "vern-end", "data-testid": "vern-end" },
      "Avslutt / End chat");
    header.appendChild(title); header.appendChild(end);
    var log = el("ol", { "class": "vern-log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-labelledby": "vern-title", "data-testid": "vern-log" });
    var form = el("form", { "class": "vern-form" });
    var label = el("label", { "for": "vern-input", "class": "vern-sr-only" }, "Melding / Message");
    var input = el("input", { id: "vern-input", type: "text", autocomplete: "off", maxlength: "2000",
      placeholder: "Skriv her … / Type here …" });
    var send = el("button", { type: "submit" }, "Send");
    form.appendChild(label); form.appendChild(input); form.appendChild(send);
    root.appendChild(header); root.appendChild(log); root.appendChild(form);
    document.body.appendChild(root);

    var history = JSON.parse(sessionStorage.getItem(LOG_KEY) || "[]");
    history.forEach(function (m) { render(m.who, m.text, m.buttons, false); });

    function remember(who, text, buttons) {
      history.push({ who: who, text: text, buttons: buttons || [] });
      sessionStorage.setItem(LOG_KEY, JSON.stringify(history.slice(-200)));
    }

    function render(who, text, buttons, store) {
      var item = el("li", { "class": "vern-msg " + who, "data-who": who }, text);
      log.appendChild(item);
      if (buttons && buttons.length) {
        var row = el("div", { "class": "vern-buttons" });
        buttons.forEach(function (b) {
          var button = el("button", { type: "button" }, b.title);
          button.addEventListener("click", function () { post(b.payload, b.title); });
          row.appendChild(button);
        });
        item.appendChild(row);
      }
      log.scrollTop = log.scrollHeight;
      if (store) remember(who, text, buttons);
    }

    function post(message, shown) {
      render("user", shown || message, null, true);
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: senderId(), message: message })
      }).then(function (resp) {
        return resp.json().then(function (body) { return { ok: resp.ok, body: body }; });
      }).then(function (result) {
        var messages = Array.isArray(result.body) ? result.body : (result.body.messages || []);
        messages.forEach(function (m) {
          if (m.text) render(result.ok ? "bot" : "error", m.text, m.buttons, true);
          if (m.custom && m.custom.vern_control === "await_updates") awaitUpdates();
          if (m.custom && m.custom.vern_control === "to_caseworker") markSent();
        });
      }).catch(function () {
        render("error", "Vern er ikke tilgjengelig akkurat nå. / Vern is unavailable right now.", null, false);
      });
    }

    // Answers that arrive between turns (a guardian approving in Telegram) are polled for,
    // only after Vern said one may come, and only while this tab keeps the chat.
    var pollTimer = null;
    function awaitUpdates() {
      if (sessionStorage.getItem(POLL_KEY) === null) sessionStorage.setItem(POLL_KEY, "0");
      if (!pollTimer) pollTimer = setInterval(pollUpdates, POLL_MS);
    }
    function markSent() {
      var mine = log.querySelectorAll('[data-who="user"]');
      if (mine.length) mine[mine.length - 1].setAttribute("data-to", "caseworker");
    }
    function stopUpdates() {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      sessionStorage.removeItem(POLL_KEY);
    }
    function pollUpdates() {
      var id = sessionStorage.getItem(STORAGE_KEY);
      var since = sessionStorage.getItem(POLL_KEY);
      if (!id || since === null) { stopUpdates(); return; }
      fetch(endpoint + "/updates", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: id, since: parseFloat(since) || 0 })
      }).then(function (resp) { return resp.ok ? resp.json() : { messages: [] }; }).then(function (body) {
        (body.messages || []).forEach(function (m) {
          render(m.from === "caseworker" ? "caseworker" : "bot", m.text, m.buttons, true);
          sessionStorage.setItem(POLL_KEY, String(m.timestamp));
        });
        if (body.handoff === "ended") {
          // The chat with the caseworker is deleted; the next message starts a new chat.
          stopUpdates();
          render("bot", body.ended_text, null, false);
          sessionStorage.removeItem(STORAGE_KEY);
          sessionStorage.removeItem(LOG_KEY);
          history = [];
        }
      }).catch(function () { /* the next poll tries again */ });
    }
    if (sessionStorage.getItem(POLL_KEY) !== null) awaitUpdates();

    // Ending starts the masking clock on the server and forgets the chat in this tab:
    // the next message begins a new conversation with a new id.
    end.addEventListener("click", function () {
      var id = sessionStorage.getItem(STORAGE_KEY);
      if (!id) return;
      fetch(endpoint + "/end", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: id })
      }).then(function (resp) { return resp.json(); }).then(function (body) {
        stopUpdates();
        sessionStorage.removeItem(STORAGE_KEY);
        sessionStorage.removeItem(LOG_KEY);
        history = [];
        render("bot", body.text || (body.messages && body.messages[0] && body.messages[0].text) || "", null, false);
      }).catch(function () {
        render("error", "Vern er ikke tilgjengelig akkurat nå. / Vern is unavailable right now.", null, false);
      });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = "";
      post(text);
    });
    if (options && options.open) input.focus();
    return root;
  }

  window.VernWidget = { mount: mount };
})();
