"""A polite HTTP client for host APIs: conditional requests, pagination, rate limits, bounded retries.

Tokens come from the environment and only ever travel in an Authorization header, which requests drops
when a redirect leaves the host; they are never logged, printed or stored.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests

MAX_ATTEMPTS = 4
MAX_WAIT_SECONDS = 120.0
WAIT_WITHOUT_HEADERS = 5.0  # a 429 or 403 that names no reset time: wait briefly, then give up
RESPONSE_DEADLINE = 30.0  # seconds for one whole answer, headers and body; a trickling server runs out of it
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
MAX_PAGES = 10


class ApiError(Exception):
    """The host API could not answer; the message says why in one line."""


@dataclass
class EtagCache:
    """Validators and bodies of earlier answers, so an unchanged resource costs a 304 (free on GitHub)."""

    path: Path | None
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, path: Path | None) -> EtagCache:
        try:
            entries = json.loads(path.read_text(encoding="utf-8")) if path and path.exists() else {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def save(self) -> None:
        if self.path is None:
            return
        from catalogue.atomic import write_text_atomically

        with self.lock:
            write_text_atomically(self.path, json.dumps(self.entries, ensure_ascii=False, sort_keys=True))


@dataclass
class ApiClient:
    """One client per host: a session, a token, and the host's rate-limit state."""

    base_url: str
    token: str | None = None
    auth_scheme: str = "Bearer"
    cache: EtagCache = field(default_factory=lambda: EtagCache(None))
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    timeout: float = 20.0
    deadline: float = RESPONSE_DEADLINE  # for one whole answer
    requests_made: int = 0
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, path: str, params: dict[str, str] | None = None) -> tuple[Any, requests.structures.CaseInsensitiveDict[str]]:
        """GET one resource (JSON), honouring ETags, rate limits and retries."""
        url = self.base_url.rstrip("/") + path
        return self._get_url(url, params)

    def paginate(self, path: str, params: dict[str, str] | None = None, max_pages: int = MAX_PAGES) -> Iterator[Any]:
        """Items of a list resource, following the Link header's rel="next"."""
        url: str | None = self.base_url.rstrip("/") + path
        query = params
        for _ in range(max_pages):
            if url is None:
                return
            body, headers = self._get_url(url, query)
            if not isinstance(body, list):
                raise ApiError(f"expected a list from {path}")
            yield from body
            url, query = _next_link(headers.get("Link", "")), None

    def _get_url(self, url: str, params: dict[str, str] | None) -> tuple[Any, requests.structures.CaseInsensitiveDict[str]]:
        key = url + ("?" + "&".join(f"{k}={v}" for k, v in sorted(params.items())) if params else "")
        cached = self.cache.entries.get(key)
        headers = {"Accept": "application/json", "User-Agent": "smart-city-katalog-harvester"}
        if self.token:
            headers["Authorization"] = f"{self.auth_scheme} {self.token}"
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if _origin(url) != _origin(self.base_url):
            # Credentials stay with their host: a pagination link to another origin is never followed.
            raise ApiError(f"{_host(self.base_url)} verweist auf einen anderen Host ({_host(url)}); nicht gefolgt")
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                self.requests_made += 1
                response, content = self._fetch(url, params, headers)
            except ApiError:
                raise
            except requests.RequestException as error:
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"no answer from {_host(url)} ({type(error).__name__})") from None
                self.sleep(2**attempt)
                continue
            if response.is_redirect or (300 <= response.status_code < 400 and response.status_code != 304):
                target = response.headers.get("Location", "?")
                raise ApiError(f"{_host(url)} leitet weiter ({response.status_code} nach {_host(target)}); Weiterleitungen werden nicht gefolgt")
            if response.status_code == 304 and cached:
                return cached["body"], response.headers
            if response.status_code in (403, 429) and self._rate_limited(response):
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"{_host(url)} rate limit still exhausted after {MAX_ATTEMPTS} attempts")
                continue
            if response.status_code >= 500 and attempt < MAX_ATTEMPTS:
                self.sleep(2**attempt)
                continue
            if response.status_code == 404:
                raise ApiError(f"{_host(url)} says the repository does not exist (404)")
            if response.status_code in (401, 403):
                raise ApiError(f"{_host(url)} refused access (HTTP {response.status_code}); check the token")
            if response.status_code != 200:
                raise ApiError(f"{_host(url)} answered HTTP {response.status_code}")
            try:
                body = json.loads(content)
            except RecursionError:
                raise ApiError(f"{_host(url)} sent JSON nested too deeply") from None
            except ValueError:
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"{_host(url)} sent a broken JSON answer") from None
                self.sleep(2**attempt)
                continue
            etag = response.headers.get("ETag")
            if etag:
                with self.cache.lock:
                    self.cache.entries[key] = {"etag": etag, "body": body}
            return body, response.headers
        raise ApiError(f"no answer from {_host(url)}")

    def _fetch(self, url: str, params: dict[str, str] | None, headers: dict[str, str]) -> tuple[requests.Response, bytes]:
        """One GET with redirects off, read within RESPONSE_DEADLINE and MAX_RESPONSE_BYTES."""
        started = time.monotonic()
        response = self.session.get(url, params=params, headers=headers, timeout=self.timeout, allow_redirects=False, stream=True)
        # A server may send its headers and then crawl; a watchdog closes the connection at the deadline.
        watchdog = threading.Timer(max(0.0, self.deadline - (time.monotonic() - started)), _abort, (response,))
        watchdog.start()
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ApiError(f"{_host(url)} sent more than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB; not read")
                chunks.append(chunk)
        except (requests.RequestException, OSError, AttributeError, ValueError):
            if time.monotonic() - started >= self.deadline:
                raise ApiError(f"{_host(url)} took longer than {self.deadline:.0f} s to answer; stopped") from None
            raise
        finally:
            watchdog.cancel()
            response.close()
        if time.monotonic() - started >= self.deadline:
            raise ApiError(f"{_host(url)} took longer than {self.deadline:.0f} s to answer; stopped")
        return response, b"".join(chunks)

    def _rate_limited(self, response: requests.Response) -> bool:
        """Wait as the host asks (Retry-After, or until the reset time) and say whether to retry."""
        retry_after = response.headers.get("Retry-After")
        remaining = response.headers.get("X-RateLimit-Remaining", response.headers.get("RateLimit-Remaining"))
        reset = response.headers.get("X-RateLimit-Reset", response.headers.get("RateLimit-Reset"))
        wait: float | None = None
        if retry_after:
            wait = _seconds(retry_after, self.clock())
        elif remaining == "0" and reset and reset.isdigit():
            wait = max(0.0, int(reset) - self.clock()) + 1
        elif response.status_code == 429:
            wait = WAIT_WITHOUT_HEADERS
        if wait is None:
            return False
        if wait > MAX_WAIT_SECONDS:
            raise ApiError(f"{_host(response.url)} rate limit: next request allowed in {wait:.0f} s; try later or set a token")
        self.sleep(wait)
        return True


def _seconds(retry_after: str, now: float) -> float:
    if retry_after.strip().isdigit():
        return float(retry_after)
    try:
        return max(0.0, parsedate_to_datetime(retry_after).timestamp() - now)
    except (TypeError, ValueError):
        return 60.0


def _next_link(link: str) -> str | None:
    for part in link.split(","):
        pieces = part.split(";")
        if any(p.strip() == 'rel="next"' for p in pieces[1:]):
            return pieces[0].strip().strip("<>")
    return None


def _abort(response: requests.Response) -> None:
    """Cut a connection from another thread: shutting the socket down wakes a read that waits for more bytes."""
    # urllib3 keeps the socket under the http.client response's buffered reader: _fp.fp.raw._sock.
    sock = getattr(getattr(getattr(getattr(response.raw, "_fp", None), "fp", None), "raw", None), "_sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    response.close()


def _origin(url: str) -> tuple[str, str, int | None]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
