"""A polite HTTP client for host APIs: conditional requests, pagination, rate limits, bounded retries.

Tokens come from the environment and only ever travel in an Authorization header to the exact origin (scheme, host,
port) the client is made for: a pagination link or a redirect to any other origin is refused, never followed. They
are never logged, printed or stored. Every answer is read against a deadline and a size limit, and every wait ends
at the repository's deadline (`until`), so a slow or hostile host costs bounded time.
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
from urllib.parse import urljoin, urlsplit

import requests

from catalogue.harvest.budget import Budgets, Deadline

MAX_ATTEMPTS = 4
MAX_WAIT_SECONDS = Budgets.api_wait_seconds
WAIT_WITHOUT_HEADERS = Budgets.api_wait_without_reset_seconds  # a 429 that names no reset time: wait briefly, then give up
RESPONSE_DEADLINE = Budgets.api_answer_seconds  # seconds for one whole answer, headers and body; a trickling server runs out of it
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
MAX_JSON_DEPTH = 32  # the hosts' documented answers nest 4 levels deep
MAX_REDIRECTS = 3  # within the same origin (a renamed repository); any other origin is refused
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
    max_wait: float = MAX_WAIT_SECONDS  # the longest wait a host may ask for; a longer one is an error
    wait_without_reset: float = WAIT_WITHOUT_HEADERS
    until: Deadline | None = None  # the repository's deadline: no request starts and no wait reaches past it
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
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if _origin(url) != _origin(self.base_url):
            # Credentials stay with their host: a pagination link to another origin is never followed.
            raise ApiError(f"{_host(self.base_url)} verweist auf einen anderen Host ({_host(url)}); nicht gefolgt")
        if self.token:
            headers["Authorization"] = f"{self.auth_scheme} {self.token}"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                self.requests_made += 1
                response, content = self._fetch(url, params, headers)
            except requests.RequestException as error:
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"no answer from {_host(url)} ({type(error).__name__})") from None
                self._pause(2**attempt)
                continue
            if response.status_code == 304 and cached:
                return cached["body"], response.headers
            wait = self._rate_limit_wait(response) if response.status_code in (403, 429) else None
            if wait is not None:
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"{_host(url)} rate limit still exhausted after {MAX_ATTEMPTS} attempts")
                self._pause(wait)
                continue
            if response.status_code >= 500 and attempt < MAX_ATTEMPTS:
                self._pause(2**attempt)
                continue
            if response.status_code == 404:
                raise ApiError(f"{_host(url)} says the repository does not exist (404)")
            if response.status_code in (401, 403):
                raise ApiError(f"{_host(url)} refused access (HTTP {response.status_code}); check the token")
            if response.status_code != 200:
                raise ApiError(f"{_host(url)} answered HTTP {response.status_code}")
            try:
                body = parse_json(content)
            except _TooDeep:
                raise ApiError(f"{_host(url)} sent JSON nested too deeply (more than {MAX_JSON_DEPTH} levels)") from None
            except ValueError:
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(f"{_host(url)} sent a broken JSON answer") from None
                self._pause(2**attempt)
                continue
            etag = response.headers.get("ETag")
            if etag:
                with self.cache.lock:
                    self.cache.entries[key] = {"etag": etag, "body": body}
            return body, response.headers
        raise ApiError(f"no answer from {_host(url)}")

    def _fetch(self, url: str, params: dict[str, str] | None, headers: dict[str, str]) -> tuple[requests.Response, bytes]:
        """One GET, following redirects only within the origin, read within the answer deadline and MAX_RESPONSE_BYTES."""
        for _ in range(MAX_REDIRECTS + 1):
            response, content = self._fetch_once(url, params, headers)
            if not (300 <= response.status_code < 400 and response.status_code != 304):
                return response, content
            target = urljoin(url, response.headers.get("Location", ""))
            if _origin(target) != _origin(self.base_url):
                moved = f"{response.status_code} nach {_host(target)}"
                raise ApiError(f"{_host(url)} leitet weiter ({moved}); Weiterleitungen zu einem anderen Host werden nicht gefolgt")
            url, params = target, None
        raise ApiError(f"{_host(url)} leitet mehr als {MAX_REDIRECTS}-mal weiter; nicht gefolgt")

    def _fetch_once(self, url: str, params: dict[str, str] | None, headers: dict[str, str]) -> tuple[requests.Response, bytes]:
        limit, why = self.deadline, f"{_host(url)} took longer than {self.deadline:.0f} s to answer; stopped"
        if self.until is not None and self.until.remaining() < limit:
            limit, why = self.until.remaining(), self.until.exhausted(f"{_host(url)}: Antwort abgebrochen")
            if limit <= 0:
                raise ApiError(self.until.exhausted(f"{_host(url)}: nicht mehr gefragt"))
        started = time.monotonic()
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=min(self.timeout, limit), allow_redirects=False, stream=True)
        except requests.RequestException:
            if time.monotonic() - started >= limit:
                raise ApiError(why) from None
            raise
        # A server may send its headers and then crawl; a watchdog closes the connection at the deadline.
        watchdog = threading.Timer(max(0.0, limit - (time.monotonic() - started)), _abort, (response,))
        watchdog.start()
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ApiError(f"{_host(url)} sent more than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB; not read")
                chunks.append(chunk)
        except (requests.RequestException, OSError, AttributeError, ValueError):
            if time.monotonic() - started >= limit:
                raise ApiError(why) from None
            raise
        finally:
            watchdog.cancel()
            response.close()
        if time.monotonic() - started >= limit:
            raise ApiError(why)
        return response, b"".join(chunks)

    def _pause(self, seconds: float) -> None:
        """Wait before the next attempt, unless the wait would reach past the repository's deadline."""
        if self.until is not None and seconds >= self.until.remaining():
            raise ApiError(self.until.exhausted(f"nicht {seconds:.0f} s auf {_host(self.base_url)} gewartet"))
        self.sleep(seconds)

    def _rate_limit_wait(self, response: requests.Response) -> float | None:
        """How long the host asks to wait (Retry-After, or until the reset time); None when it is no rate limit."""
        retry_after = response.headers.get("Retry-After")
        remaining = response.headers.get("X-RateLimit-Remaining", response.headers.get("RateLimit-Remaining"))
        reset = response.headers.get("X-RateLimit-Reset", response.headers.get("RateLimit-Reset"))
        wait: float | None = None
        if retry_after:
            wait = self._seconds(retry_after)
        elif remaining == "0" and reset and reset.isdigit() and len(reset) < 12:
            wait = max(0.0, int(reset) - self.clock()) + 1
        elif response.status_code == 429:
            wait = self.wait_without_reset
        if wait is not None and wait > self.max_wait:
            raise ApiError(f"{_host(response.url)} rate limit: next request allowed in {wait:.0f} s; try later or set a token")
        return wait

    def _seconds(self, retry_after: str) -> float:
        """Retry-After in seconds (a number or an HTTP date); what cannot be read counts as a 429 without a time."""
        text = retry_after.strip()
        if text.isdigit() and len(text) < 10:
            return float(text)
        try:
            return max(0.0, parsedate_to_datetime(text).timestamp() - self.clock())
        except (TypeError, ValueError, OverflowError):
            return self.wait_without_reset


class _TooDeep(ValueError):
    pass


def parse_json(content: bytes) -> Any:
    """JSON as RFC 8259 defines it (no NaN or Infinity), at most MAX_JSON_DEPTH levels deep; ValueError otherwise."""
    try:
        value = json.loads(content, parse_constant=_refuse_constant)
    except RecursionError:
        raise _TooDeep from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth >= MAX_JSON_DEPTH:
                    raise _TooDeep
                stack.append((child, depth + 1))
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


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
    """Scheme, host and port, with the scheme's default port filled in (an unreadable port is no origin)."""
    parts = urlsplit(url)
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:
        return ("", "", None)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _host(url: str) -> str:
    return urlsplit(url).netloc or url
