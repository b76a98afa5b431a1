"""An HTTP server on this machine standing in for Brevo's SMS API: it keeps each request
(`FakeBrevo.requests`) and answers what a test queued (`FakeBrevo.answers`). Used by the
notifications tests and the public booking's browser test (the SMS code)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class FakeBrevo(BaseHTTPRequestHandler):
    requests: list[dict] = []
    answers: list[tuple[int, dict, float]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeBrevo.requests.append(
            {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "json": json.loads(body),
            }
        )
        status, answer, delay = FakeBrevo.answers.pop(0) if FakeBrevo.answers else (201, {}, 0)
        time.sleep(delay)
        payload = json.dumps(answer or {"messageId": 1511882900176220}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def brevo(settings):
    FakeBrevo.requests, FakeBrevo.answers = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBrevo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATIONS_SMS_BACKEND = "passerelle.notifications.backends.BrevoBackend"
    settings.SMS_API_URL = f"http://127.0.0.1:{server.server_port}/v3/transactionalSMS/send"
    settings.SMS_API_KEY = "cle-de-test"
    settings.SMS_SENDER = "EMMAUS"
    settings.SMS_TIMEOUT_SECONDS = 1
    yield FakeBrevo
    server.shutdown()
    server.server_close()
