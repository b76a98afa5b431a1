// Passerelle's only script of its own: the session-expiry warning (RGAA 13.1).
// Two minutes before the session ends, a dialog offers to stay signed in; at the end,
// the page goes to the login, which brings the person back here afterwards.
(function () {
  "use strict";
  var body = document.body;
  var total = parseInt(body.dataset.sessionSeconds || "0", 10);
  if (!total) { return; }
  var warning = parseInt(body.dataset.sessionWarningSeconds || "120", 10);
  var dialog = document.getElementById("session-warning");
  var warnTimer, expireTimer;

  function csrfToken() {
    try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    warnTimer = setTimeout(function () {
      if (dialog && !dialog.open) { dialog.showModal(); }
    }, Math.max(total - warning, 0) * 1000);
    expireTimer = setTimeout(function () {
      var next = window.location.pathname + window.location.search;
      window.location.href = body.dataset.loginUrl + "?next=" + encodeURIComponent(next);
    }, total * 1000);
  }

  function extend() {
    fetch(body.dataset.sessionExtendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      if (response.ok) {
        if (dialog && dialog.open) { dialog.close(); }
        schedule();
      } else {
        window.location.reload();
      }
    });
  }

  var button = dialog && dialog.querySelector("[data-session-extend]");
  if (button) { button.addEventListener("click", extend); }
  // Any htmx request also renews the session on the server.
  document.body.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();

// "Imprimer" buttons (no inline script: CSP).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
