// Live figures without reloading the page (a page that reloads itself by
// <meta http-equiv="refresh"> fails WCAG 2.2.1 and loses the reader's place).
// An element with data-live-url is refreshed from that JSON every two seconds:
// {"done": bool, "values": {"id": "text"}, "progress": {"id": number}}.
// Without JavaScript the page shows the figures of its loading and a link to
// refresh it.
"use strict";
(function () {
  function poll(container) {
    var url = container.getAttribute("data-live-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (live) {
        Object.keys(live.values || {}).forEach(function (id) {
          var element = document.getElementById(id);
          if (element) { element.textContent = live.values[id]; }
        });
        Object.keys(live.progress || {}).forEach(function (id) {
          var bar = document.getElementById(id);
          if (bar) { bar.value = live.progress[id]; bar.textContent = live.progress[id] + "%"; }
        });
        if (live.done) {
          var hint = container.querySelector("[data-live-hint]");
          if (hint) { hint.hidden = true; }
        } else {
          window.setTimeout(function () { poll(container); }, 2000);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(container); }, 5000); });
  }
  document.querySelectorAll("[data-live-url]").forEach(poll);
})();
