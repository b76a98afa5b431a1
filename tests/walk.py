"""Walking the site as a role does: the links and forms of a page, and a GET-only crawl
from the menu. Shared by the hostile-input guard and the page-quality checks."""

from __future__ import annotations

import html
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Actions that end the walk's own session or account, not pages to read.
SKIPPED = ("/compte/deconnexion/", "/activation/", "/double-authentification/", ".ics", "qr.svg")


class PageParser(HTMLParser):
    """Links and forms of a page, with each field's kind and current value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            self._form["fields"].append([a["name"], kind, a.get("value", ""), []])
            if tag == "select":
                self._select = a["name"]
        elif tag == "option" and self._form is not None and self._select:
            self._form["fields"][-1][3].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def same_site(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


def crawl(client, start_paths: list[str], *, limit: int) -> dict[str, str]:
    """GET pages from `start_paths`, following same-site links breadth first; returns the
    HTML of each page that answered 200 with HTML, by path."""
    pages: dict[str, str] = {}
    seen: set[str] = set()
    queue = deque(start_paths)
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in seen or any(skip in path for skip in SKIPPED):
            continue
        seen.add(path)
        response = client.get(path)
        if response.streaming:  # a download: read it as a browser would, keep no HTML
            for _chunk in response.streaming_content:
                pass
            if getattr(response, "file_to_stream", None) is not None:
                response.file_to_stream.close()  # not response.close(): it ends the request
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        pages[path] = text
        parser = PageParser()
        parser.feed(text)
        for href in parser.links:
            target = html.unescape(urljoin(path, href)).split("#")[0]
            if same_site(target) and target not in seen:
                queue.append(target)
    return pages
