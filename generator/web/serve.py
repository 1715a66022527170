"""``hepgen serve``: the web app under waitress on this computer (or a clinic's network)."""

from __future__ import annotations

import ipaddress
import logging
import threading
import webbrowser

import click

from ..errors import HepgenError

LOCAL_NAMES = ("localhost", "localhost.localdomain")


def is_local(host: str) -> bool:
    """Whether *host* can be reached from this computer only.

    >>> is_local("127.0.0.1"), is_local("::1"), is_local("localhost"), is_local("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(host: str, port: int, open_browser: bool, threads: int, libraries: tuple[str, ...]):
    try:
        import flask  # noqa: F401
        import waitress
    except ImportError:
        raise HepgenError("the web app needs Flask and waitress: pip install 'hepgen[web]'"
                          ) from None
    from . import create_app

    app = create_app(libraries)  # the library is read and checked before anyone connects
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if not is_local(host):
        click.secho(f"Warning: hepgen is listening on {host}, so other computers can reach "
                    "it. It has no login: anyone who can reach it can use it. Run it only on "
                    "a network you trust, or behind a proxy that asks for a login.",
                    fg="yellow", err=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"hepgen is running at {url} (press Ctrl+C to stop). Nothing is stored.",
               err=True)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, (url,)).start()
    try:
        waitress.serve(app, host=host, port=port, threads=threads, channel_timeout=30,
                       ident="hepgen")
    except OSError as exc:
        raise HepgenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; try "
                          "another --port") from None
