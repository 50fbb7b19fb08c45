"""Which hosts may be fetched, and the httpx client that enforces it on every connection.

Only http(s); hosts that resolve to loopback, private, link-local, reserved, multicast or unspecified
addresses are refused unless `allow_private_hosts` (or the host is in `allowed_hosts`). The fetcher
checks every redirect hop with `check_host_allowed`, and `GuardedBackend` checks again the address
the socket actually dials, so a host that answers DNS differently the second time (DNS rebinding)
gains nothing. With `proxy_from_env`, requests go through HTTP(S)_PROXY: the host name is still
checked where it resolves here, and a name only the proxy can resolve is left to the proxy.
"""
from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import ssl
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from flows.fetching.errors import HostResolutionError, InvalidURLError, PrivateAddressError
from flows.fetching.settings import FetchSettings

WEB_SCHEMES = ("http", "https")


def address_problem(address: str) -> str | None:
    """Why an IP address may not be fetched by default ('loopback', 'private', ...), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-global"


def refuse_private(host: str, addresses: Sequence[str]) -> None:
    """Raise PrivateAddressError if any address of `host` is not a public one."""
    for address in addresses:
        problem = address_problem(address)
        if problem:
            shown = host if host == address else f"{host} resolves to {address}"
            raise PrivateAddressError(
                f"{shown}, a {problem} address; fetching loopback/private hosts is refused by default "
                "(use --allow-private-hosts, or allow_private_hosts=True, for local servers and tests)")


def url_host(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL; InvalidURLError for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"{url!r}: {exc}") from exc
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise InvalidURLError(f"{url!r}: only http and https URLs are fetched", code="unsupported_scheme")
    if not parts.hostname:
        raise InvalidURLError(f"{url!r}: no host")
    return parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)


def is_ip_literal(host: str) -> bool:
    """True for '10.0.0.1' or '::1'; False for names."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves)."""
    if is_ip_literal(host):
        return [host]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise HostResolutionError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_host_allowed(url: str, allow_private_hosts: bool, allowed_hosts: Sequence[str] = ()) -> None:
    """Raise unless `url` is http(s) on a host whose every address is public (or private hosts are allowed).

    Raises InvalidURLError, HostResolutionError, or PrivateAddressError with a message naming the flag.
    """
    host, port = url_host(url)
    if allow_private_hosts or host.lower() in allowed_hosts:
        return
    refuse_private(host, resolve(host, port))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, but every TCP connect dials an address that passed the private-address rule.

    The per-hop check resolves the name once; the socket would resolve it again. Resolving here and
    dialling the checked address closes the gap a DNS-rebinding host would use.
    """

    def __init__(self, allow_private_hosts: bool, allowed_hosts: Sequence[str]):
        self.inner = httpcore.AnyIOBackend()
        self.allow_private_hosts = allow_private_hosts
        self.allowed_hosts = tuple(h.lower() for h in allowed_hosts)

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options=None) -> httpcore.AsyncNetworkStream:
        if self.allow_private_hosts or host.lower() in self.allowed_hosts:
            return await self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = await asyncio.to_thread(resolve, host, port)
        refuse_private(host, addresses)
        return await self.inner.connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: building one loads the CA bundle (tens of ms), and every batch
    makes a client. SSLContext is safe to share between threads and event loops."""
    return httpx.create_ssl_context(trust_env=False)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool that uses GuardedBackend."""

    def __init__(self, settings: FetchSettings):
        super().__init__(verify=tls_context(), trust_env=False)
        # httpx has no parameter for the network backend; the pool is rebuilt with httpcore's public API.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=tls_context(),
            max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency,
            network_backend=GuardedBackend(settings.allow_private_hosts, settings.allowed_hosts))


def environment_proxies(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """{'http': url, 'https': url, 'no': 'host,.domain'} from HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case)."""
    env = os.environ if environ is None else environ
    found = {}
    for key in ("http", "https", "no"):
        value = env.get(f"{key}_proxy") or env.get(f"{key.upper()}_PROXY")
        if value and value.strip():
            found[key] = value.strip()
    return found


def proxy_mounts(settings: FetchSettings, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """httpx mounts that send http(s) requests through the environment's proxies, NO_PROXY hosts directly
    (a None mount is httpx's "use the client's own transport", here the guarded one)."""
    proxies = environment_proxies(environ)
    mounts: dict[str, Any] = {}
    for scheme in WEB_SCHEMES:
        if scheme in proxies:
            mounts[f"{scheme}://"] = httpx.AsyncHTTPTransport(proxy=proxies[scheme], verify=tls_context(),
                                                              trust_env=False)
    for host in (h.strip() for h in proxies.get("no", "").split(",")):
        if host == "*":
            return {}
        if host:
            mounts[f"all://*{host.lstrip('*')}" if host.startswith((".", "*")) else f"all://{host}"] = None
    return mounts


def uses_proxy(settings: FetchSettings, url: str) -> bool:
    """True when `url` goes out through a proxy (which resolves the host name itself)."""
    if not settings.proxy_from_env:
        return False
    return httpx.URL(url).scheme in environment_proxies()


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    """An httpx client that follows no redirects itself and connects through GuardedTransport; it reads no
    proxy settings from the environment unless `proxy_from_env` (then HTTP(S)_PROXY and NO_PROXY)."""
    timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                            write=settings.read_timeout, pool=None)
    mounts = proxy_mounts(settings) if settings.proxy_from_env else None
    return httpx.AsyncClient(transport=GuardedTransport(settings), mounts=mounts, timeout=timeout,
                             follow_redirects=False, trust_env=False)
