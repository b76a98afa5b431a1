// The script of the pages people use themselves (the kiosk, their own link): back to the
// kiosk's start when nobody touches the screen, the
// digits of the code, printing the ticket, and reading the screen aloud with the browser's
// own speech synthesis (no outside service). Without it every screen still works.
(function () {
    "use strict";
    var body = document.body;

    // Back to the start (in French) after a while without a touch: the next person never
    // sees the previous one's screen.
    var home = body.dataset.homeUrl;
    var idleSeconds = parseInt(body.dataset.idleSeconds || "0", 10);
    if (home && idleSeconds > 0 && window.location.pathname !== home) {
        var timer = null;
        var restart = function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                window.location.replace(home);
            }, idleSeconds * 1000);
        };
        ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
            document.addEventListener(name, restart, { passive: true });
        });
        restart();
    }

    // The keypad of the SMS code.
    document.querySelectorAll("[data-key]").forEach(function (key) {
        key.addEventListener("click", function () {
            var input = document.getElementById(key.dataset.target);
            if (input && input.value.length < (input.maxLength > 0 ? input.maxLength : 6)) {
                input.value += key.dataset.key;
            }
        });
    });
    document.querySelectorAll("[data-erase]").forEach(function (key) {
        key.addEventListener("click", function () {
            var input = document.getElementById(key.dataset.erase);
            if (input) {
                input.value = input.value.slice(0, -1);
            }
        });
    });

    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () {
            window.print();
        });
    });

    // Read aloud: the title, the sentences and the choices of the screen, in its language.
    var speak = document.querySelector(".door-speak");
    var synth = window.speechSynthesis;
    if (!speak || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
        return;
    }
    var lang = speak.dataset.speakLang || document.documentElement.lang;
    var voiceFor = function () {
        var voices = synth.getVoices() || [];
        for (var i = 0; i < voices.length; i++) {
            if ((voices[i].lang || "").toLowerCase().indexOf(lang) === 0) {
                return voices[i];
            }
        }
        return null;
    };
    var showIfVoice = function () {
        speak.hidden = voiceFor() === null;
    };
    var screenText = function () {
        var root = document.querySelector("[data-speak-root]");
        var picked = [];
        root.querySelectorAll("h1, p, .choice-label, .door-cell, .door-go > span, label").forEach(
            function (element) {
                if (picked.some(function (done) { return done.contains(element); })) {
                    return;
                }
                if (element.closest("[hidden]") || element.closest(".door-keypad")) {
                    return;
                }
                picked.push(element);
            }
        );
        return picked
            .map(function (element) {
                var text = (element.innerText || element.textContent || "").replace(/\s+/g, " ").trim();
                return text && !/[.!?:؟]$/.test(text) ? text + "." : text;
            })
            .filter(Boolean)
            .join(" ");
    };
    speak.addEventListener("click", function () {
        var voice = voiceFor();
        if (voice === null) {
            return;
        }
        synth.cancel();
        var utterance = new window.SpeechSynthesisUtterance(screenText());
        utterance.lang = voice.lang;
        utterance.voice = voice;
        utterance.rate = 0.9;
        synth.speak(utterance);
    });
    showIfVoice();
    if (typeof synth.addEventListener === "function") {
        synth.addEventListener("voiceschanged", showIfVoice);
    }
})();
