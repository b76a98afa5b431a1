#!/usr/bin/env python3
"""Passerelle's station agent: locks a computer of the room until a person types their code.

While the station is free, a full-screen window above the desktop shows the room's rules and
asks for the code (the desk's, the kiosk's, or a guest pass). While a session is open, the
desktop is free and a small bar in a corner shows the time left, warns at 5 and 1 minutes,
offers "+30 min" and "J'ai fini". When the time is up it reminds the person to sign out of
their accounts, then locks again. It asks Passerelle every few seconds, over HTTPS, at the
station's secret address; when Passerelle cannot be reached, the station stays locked.

Python 3.9+ and its standard library only (tkinter included): see README.md beside this file.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import queue
import ssl
import sys
import threading
import time
import tkinter as tk
import urllib.error
import urllib.parse
import urllib.request

VERSION = "1.0"
LOCK_TITLE = "Passerelle verrouillage"
BAR_TITLE = "Passerelle temps restant"
# While a session is open, this many failed questions in a row lock the station (a blip of the
# network does not throw the person out; a server that is gone does).
FAILURES_BEFORE_LOCK = 3
LOCKED_STATES = {"locked", "waiting", "closed", "out_of_order", "unconfigured", "unreachable"}
MESSAGES = {
    "locked": "Tapez votre code : celui de l'accueil ou de la borne (6 chiffres), "
    "ou votre pass invité (8 chiffres).",
    "waiting": "Ce poste vous attend. Tapez le code qu'on vous a donné.",
    "closed": "La salle est fermée.",
    "out_of_order": "Ce poste est en panne. Prenez un autre poste, ou demandez à l'accueil.",
    "unconfigured": "Poste non configuré.",
    "unreachable": "Poste indisponible pour l'instant. Demandez à l'accueil.",
}
WARNINGS = [
    (60, "Plus qu'une minute. Déconnectez-vous de vos comptes maintenant."),
    (300, "Plus que 5 minutes. Enregistrez votre travail."),
]
ENDING = "Votre temps est fini. Déconnectez-vous de vos comptes maintenant."


class Unreachable(Exception):
    pass


class Passerelle:
    """The station's secret address, and the four questions the agent asks there."""

    def __init__(self, url: str, *, ca_file: str = "", allow_http_localhost: bool = False):
        if not url.endswith("/"):
            url += "/"
        parts = urllib.parse.urlsplit(url)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if parts.scheme != "https" and not (allow_http_localhost and local):
            raise SystemExit("L'adresse du poste doit commencer par https://")
        self.url = url
        self.context = ssl.create_default_context(cafile=ca_file or None)

    def _call(self, path: str, data: dict | None = None) -> dict:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.url + path,
            data=body,
            method="POST" if body is not None else "GET",
            headers={"Accept": "application/json", "User-Agent": f"passerelle-agent/{VERSION}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5, context=self.context) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            try:
                answer = json.load(error)
            except ValueError:
                raise Unreachable(str(error)) from error
            if "state" not in answer:
                raise Unreachable(str(error)) from error
            return answer
        except (OSError, ValueError) as error:
            raise Unreachable(str(error)) from error

    def state(self) -> dict:
        return self._call("api/etat")

    def unlock(self, code: str) -> dict:
        return self._call("api/code", {"code": code})

    def extend(self) -> dict:
        return self._call("api/plus", {})

    def end(self) -> dict:
        return self._call("api/fin", {})


class Agent:
    def __init__(self, server: Passerelle, *, poll_seconds: float = 5.0):
        self.server = server
        self.poll_seconds = poll_seconds
        self.answers: queue.Queue = queue.Queue()
        self.requests: queue.Queue = queue.Queue()
        self.state = "unreachable"
        self.failures = 0
        self.end_at = 0.0
        self.warned: set[int] = set()
        self.busy = threading.Lock()

        self.root = tk.Tk()
        self.root.title(LOCK_TITLE)
        self.root.configure(background="#0b2c4f")
        self._build_lock()
        self._build_bar()
        self._show_lock()

    # --- The windows ----------------------------------------------------------------------

    def _build_lock(self) -> None:
        root = self.root
        root.overrideredirect(True)
        width, height = root.winfo_screenwidth(), root.winfo_screenheight()
        root.geometry(f"{width}x{height}+0+0")
        root.attributes("-topmost", True)
        root.protocol("WM_DELETE_WINDOW", lambda: None)
        big = ("DejaVu Sans", 28, "bold")
        text = ("DejaVu Sans", 18)
        colours = {"background": "#0b2c4f", "foreground": "#ffffff"}
        frame = tk.Frame(root, background="#0b2c4f")
        frame.place(relx=0.5, rely=0.5, anchor="center")
        self.title_label = tk.Label(frame, text="Passerelle", font=big, **colours)
        self.title_label.pack(pady=(0, 16))
        self.rules_label = tk.Label(
            frame, text="", font=text, justify="left", wraplength=int(width * 0.7), **colours
        )
        self.rules_label.pack(pady=(0, 16))
        self.message_label = tk.Label(
            frame, text="", font=text, wraplength=int(width * 0.7), **colours
        )
        self.message_label.pack(pady=(0, 12))
        self.code = tk.Entry(frame, font=("DejaVu Sans Mono", 32), width=10, justify="center")
        self.code.pack(pady=(0, 8))
        self.code.bind("<Return>", lambda _event: self._submit())
        self.error_label = tk.Label(
            frame, text="", font=text, background="#0b2c4f", foreground="#ffd24d"
        )
        self.error_label.pack(pady=(0, 8))
        keypad = tk.Frame(frame, background="#0b2c4f")
        keypad.pack()
        for index, digit in enumerate("1234567890"):
            tk.Button(
                keypad,
                text=digit,
                font=big,
                width=3,
                command=lambda d=digit: self.code.insert("end", d),
            ).grid(row=index // 5, column=index % 5, padx=6, pady=6)
        actions = tk.Frame(frame, background="#0b2c4f")
        actions.pack(pady=12)
        tk.Button(
            actions, text="Effacer", font=text, command=lambda: self.code.delete(0, "end")
        ).pack(side="left", padx=8)
        self.submit_button = tk.Button(actions, text="Valider", font=big, command=self._submit)
        self.submit_button.pack(side="left", padx=8)

    def _build_bar(self) -> None:
        bar = self.bar = tk.Toplevel(self.root)
        bar.title(BAR_TITLE)
        bar.overrideredirect(True)
        bar.attributes("-topmost", True)
        bar.configure(background="#ffffff", highlightthickness=3, highlightbackground="#0b2c4f")
        text = ("DejaVu Sans", 14)
        self.time_label = tk.Label(bar, text="", font=("DejaVu Sans", 16, "bold"), bg="#ffffff")
        self.time_label.pack(padx=12, pady=(8, 2))
        self.warning_label = tk.Label(bar, text="", font=text, bg="#ffffff", wraplength=320)
        self.warning_label.pack(padx=12)
        buttons = tk.Frame(bar, background="#ffffff")
        buttons.pack(padx=12, pady=8)
        self.extend_button = tk.Button(buttons, text="+30 min", font=text, command=self._extend)
        self.extend_button.pack(side="left", padx=4)
        tk.Button(buttons, text="J'ai fini", font=text, command=self._end).pack(side="left", padx=4)
        bar.update_idletasks()
        x = bar.winfo_screenwidth() - bar.winfo_reqwidth() - 16
        bar.geometry(f"+{max(x, 0)}+16")
        bar.withdraw()

    def _show_lock(self) -> None:
        self.bar.withdraw()
        self.root.deiconify()
        self.root.lift()
        self.root.attributes("-topmost", True)
        self.code.focus_force()

    def _show_desktop(self) -> None:
        self.root.withdraw()
        self.bar.deiconify()
        self.bar.lift()

    # --- Talking to Passerelle (in a thread; the answers come back through a queue) ---------

    def _ask(self, call, *args, skippable: bool = False) -> None:
        """Queue a question for the worker thread. A person's action (a code, +30 min, J'ai
        fini) is always asked; the regular poll is skipped while another question waits."""
        if skippable and (self.busy.locked() or not self.requests.empty()):
            return
        self.requests.put((call, args))

    def _work(self) -> None:
        while True:
            call, args = self.requests.get()
            with self.busy:
                try:
                    self.answers.put(("ok", call(*args)))
                except Unreachable as error:
                    self.answers.put(("unreachable", str(error)))

    def _submit(self) -> None:
        code = "".join(ch for ch in self.code.get() if ch.isdigit())
        self.code.delete(0, "end")
        if code:
            self.error_label.configure(text="")
            self._ask(self.server.unlock, code)

    def _extend(self) -> None:
        self._ask(self.server.extend)

    def _end(self) -> None:
        self._ask(self.server.end)

    def poll(self) -> None:
        self._ask(self.server.state, skippable=True)
        self.root.after(int(self.poll_seconds * 1000), self.poll)

    def receive(self) -> None:
        try:
            while True:
                kind, answer = self.answers.get_nowait()
                if kind == "unreachable":
                    self.failures += 1
                    if self.state in LOCKED_STATES or self.failures >= FAILURES_BEFORE_LOCK:
                        self.apply({"state": "unreachable"})
                else:
                    self.failures = 0
                    self.apply(answer)
        except queue.Empty:
            pass
        self.tick()
        self.root.after(200, self.receive)

    def apply(self, answer: dict) -> None:
        state = answer.get("state", "unreachable")
        if answer.get("error"):
            self.error_label.configure(text=answer["error"])
        if state in LOCKED_STATES:
            if self.state not in LOCKED_STATES:
                self.warned.clear()
            self.state = state
            self.title_label.configure(text=answer.get("station") or "Passerelle")
            rules = answer.get("rules") or []
            self.rules_label.configure(text="\n".join(f"• {rule}" for rule in rules))
            self.message_label.configure(text=MESSAGES.get(state, MESSAGES["unreachable"]))
            can_type = state in ("locked", "waiting")
            self.code.configure(state="normal" if can_type else "disabled")
            self.submit_button.configure(state="normal" if can_type else "disabled")
            self._show_lock()
            return
        self.state = state
        self.end_at = time.monotonic() + int(answer.get("seconds_left", 0))
        requested = answer.get("extension_requested")
        self.extend_button.configure(state="disabled" if requested else "normal")
        if answer.get("granted") is False:
            self.warning_label.configure(text="Demande envoyée à l'équipe.")
        self._show_desktop()

    def tick(self) -> None:
        if self.state == "ending":
            self.time_label.configure(text="Temps fini")
            self.warning_label.configure(text=ENDING, foreground="#7a0010")
            return
        if self.state != "open":
            return
        seconds = max(0, round(self.end_at - time.monotonic()))
        minutes = -(-seconds // 60)
        self.time_label.configure(
            text="Moins d'une minute" if seconds < 60 else f"Il reste {minutes} min"
        )
        for limit, words in WARNINGS:
            if seconds <= limit:
                if limit not in self.warned:
                    self.warned.add(limit)
                    self.warning_label.configure(text=words, foreground="#7a0010")
                    self.bar.bell()
                break

    def run(self) -> None:
        threading.Thread(target=self._work, daemon=True).start()
        self.root.after(0, self.poll)
        self.root.after(200, self.receive)
        self.root.mainloop()


def settings(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Agent de poste Passerelle")
    parser.add_argument("--url", help="l'adresse secrète de l'écran du poste (https://…/poste/…/)")
    parser.add_argument("--config", help="un fichier .ini avec [agent] url = …, ca_file = …")
    parser.add_argument("--ca-file", default="", help="autorité de certification (facultatif)")
    parser.add_argument("--poll", type=float, default=5.0, help="secondes entre deux questions")
    parser.add_argument(
        "--allow-http-localhost",
        action="store_true",
        help="accepter http:// vers cette machine (essais seulement)",
    )
    options = parser.parse_args(argv)
    config_path = options.config or os.environ.get("PASSERELLE_AGENT_CONFIG", "")
    if config_path:
        config = configparser.ConfigParser()
        config.read(config_path, encoding="utf-8")
        section = config["agent"] if config.has_section("agent") else {}
        options.url = options.url or section.get("url", "")
        options.ca_file = options.ca_file or section.get("ca_file", "")
    options.url = options.url or os.environ.get("PASSERELLE_STATION_URL", "")
    if not options.url:
        parser.error("donnez l'adresse du poste : --url, --config ou PASSERELLE_STATION_URL")
    return options


def main(argv: list[str] | None = None) -> None:
    options = settings(sys.argv[1:] if argv is None else argv)
    server = Passerelle(
        options.url, ca_file=options.ca_file, allow_http_localhost=options.allow_http_localhost
    )
    Agent(server, poll_seconds=options.poll).run()


if __name__ == "__main__":
    main()
