// A station's own screen: the time left, counted down here between two questions to the
// server; warnings at 5 and 1 minutes; the page reloads when the server's state changes (a
// code typed, staff extending or ending the session from the board, the time up).
(function () {
    "use strict";
    var root = document.querySelector("[data-station-screen]");
    if (!root) {
        return;
    }
    var state = root.dataset.state;
    var endAt = Date.now() + parseInt(root.dataset.secondsLeft || "0", 10) * 1000;
    var graceSeconds = parseInt(root.dataset.graceSeconds || "120", 10);
    var timeLeft = root.querySelector("[data-time-left]");
    var warning = root.querySelector("[data-warning]");
    var warned = {};
    // The words come from the page, translated like the rest of it.
    var words = root.dataset;
    var WARNINGS = [
        [60, words.warningOne],
        [300, words.warningFive],
    ];

    function say(text) {
        if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
            var words = new window.SpeechSynthesisUtterance(text);
            words.lang = "fr-FR";
            window.speechSynthesis.speak(words);
        }
    }

    function tick() {
        var seconds = Math.max(0, Math.round((endAt - Date.now()) / 1000));
        if (timeLeft) {
            var minutes = Math.ceil(seconds / 60);
            timeLeft.textContent =
                seconds < 60
                    ? words.lessThanOneMinute
                    : (minutes > 1 ? words.minutesMany : words.minutesOne).replace(
                          "%s",
                          String(minutes),
                      );
        }
        for (var i = 0; i < WARNINGS.length; i++) {
            var limit = WARNINGS[i][0];
            if (seconds <= limit && seconds > 0) {
                if (!warned[limit]) {
                    warned[limit] = true;
                    warning.textContent = WARNINGS[i][1];
                    warning.hidden = false;
                    say(WARNINGS[i][1]);
                }
                break;
            }
        }
        if (seconds === 0) {
            window.location.replace(root.dataset.screenUrl);
        }
    }

    function ask() {
        window
            .fetch(root.dataset.stateUrl, { cache: "no-store", credentials: "omit" })
            .then(function (response) {
                return response.json();
            })
            .then(function (data) {
                if (data.state !== state) {
                    window.location.replace(root.dataset.screenUrl);
                    return;
                }
                if (state === "open") {
                    var serverEnd = Date.now() + data.seconds_left * 1000;
                    if (Math.abs(serverEnd - endAt) > 5000) {
                        endAt = serverEnd; // staff gave more time (or less) from the board
                        warned = {};
                        warning.hidden = true;
                    }
                }
            })
            .catch(function () {
                // The server is away: the screen keeps counting; the agent locks the machine.
            });
    }

    if (state === "open" && timeLeft && warning) {
        tick();
        window.setInterval(tick, 1000);
    }
    if (state === "ending") {
        window.setTimeout(function () {
            window.location.replace(root.dataset.screenUrl);
        }, graceSeconds * 1000 + 1000);
    }
    window.setInterval(ask, 5000);
})();
