/* Live updates for the case console: the chat queue and an open chat, polled every second.
 * Plain JavaScript, same origin, no inline code (the pages run under a strict CSP). Its words come from the
 * page's data- attributes, in the console's language. */
(function () {
  "use strict";
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function poll(node, render) {
    var url = node.getAttribute("data-live");
    function tick() {
      // 403: the chat was taken over by another caseworker; the body says so.
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok || r.status === 403 ? r.json() : null; })
        .then(function (body) { if (body) render(body); }).catch(function () {});
    }
    tick();
    setInterval(tick, 1000);
  }
  var queue = document.getElementById("queue");
  if (queue) {
    poll(queue, function (body) {
      var tbody = queue.querySelector("tbody");
      tbody.textContent = "";
      body.chats.forEach(function (c) {
        var row = el("tr", { "data-chat": String(c.id), "class": c.status === "waiting" ? "waiting" : "" });
        var link = el("a", { href: "/console/chats/" + c.id }, "#" + c.id);
        var first = el("td"); first.appendChild(link); row.appendChild(first);
        [c.language, c.channel, c.waited, c.understood || "–"].forEach(function (v) { row.appendChild(el("td", {}, v)); });
        var last = el("td");
        if (c.status === "waiting") {
          var form = el("form", { method: "post", action: "/console/chats/" + c.id + "/take", "class": "inline" });
          form.appendChild(el("input", { type: "hidden", name: "csrf", value: body.csrf }));
          form.appendChild(el("button", {}, queue.getAttribute("data-take")));
          last.appendChild(form);
        } else {
          last.textContent = c.taken_by || "";
        }
        row.appendChild(last);
        tbody.appendChild(row);
      });
    });
  }
  var messages = document.getElementById("messages");
  if (messages) {
    poll(messages, function (body) {
      messages.textContent = "";
      if (body.error) { messages.appendChild(el("li", { "class": "error" }, body.error)); return; }
      body.messages.forEach(function (m) {
        messages.appendChild(el("li", { "class": "from-" + m.from }, messages.getAttribute(m.from === "person" ? "data-person" : "data-you") + " " + m.text));
      });
      if (body.ended) messages.appendChild(el("li", {}, messages.getAttribute("data-ended")));
    });
  }
})();
