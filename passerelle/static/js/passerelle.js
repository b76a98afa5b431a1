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

// A page opened on a section (a form sends back to "…#consentements"): the confirmation
// appears at the top of that section, where the person is looking, not above the fold.
(function () {
  var box = document.querySelector("main .messages");
  var id = decodeURIComponent(window.location.hash.slice(1));
  var section = id && document.getElementById(id);
  if (!box || !section || section.contains(box)) { return; }
  var heading = section.querySelector("h2, h3");
  if (heading) { heading.after(box); } else { section.prepend(box); }
  box.setAttribute("tabindex", "-1");
  box.focus();
})();

// The main menu folds behind a "Menu" button on small screens (CSS decides when).
(function () {
  var toggle = document.querySelector(".nav-toggle");
  var menu = document.getElementById("main-menu");
  if (!toggle || !menu) { return; }
  toggle.hidden = false;
  document.documentElement.classList.add("has-nav-toggle");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.click();
      toggle.focus();
    }
  });
})();

// Forms whose fields depend on a choice (the deadline to follow): a field marked
// data-for-kinds="a b" shows only when one of those is chosen. Without the script, all show.
(function () {
  var choices = document.querySelectorAll("input[data-kind-choice]");
  if (!choices.length) { return; }
  function update() {
    var chosen = document.querySelector("input[data-kind-choice]:checked");
    var kind = chosen ? chosen.value : "";
    document.querySelectorAll("[data-for-kinds]").forEach(function (input) {
      var field = input.closest(".field");
      if (field) { field.hidden = input.dataset.forKinds.split(" ").indexOf(kind) === -1; }
    });
  }
  choices.forEach(function (input) { input.addEventListener("change", update); });
  update();
})();

// A live board (data-live-board) refreshes itself, but never under a finger: a refresh that
// lands while someone is touching or clicking a button of it would swap the button away
// between press and release, and the click would be lost. For 3 seconds after a touch,
// click or key inside it, the refresh waits for its next turn.
(function () {
  var lastUse = 0;
  function used(event) {
    if (event.target.closest && event.target.closest("[data-live-board]")) { lastUse = Date.now(); }
  }
  ["pointerdown", "keydown", "submit"].forEach(function (name) {
    document.addEventListener(name, used, true);
  });
  function inUse(event) {
    var target = event.detail && event.detail.elt;
    return target && target.hasAttribute && target.hasAttribute("data-live-board") &&
      Date.now() - lastUse < 3000;
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (inUse(event)) { event.preventDefault(); }
  });
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (inUse(event)) { event.detail.shouldSwap = false; }
  });
})();
