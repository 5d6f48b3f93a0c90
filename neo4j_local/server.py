"""Run a local Neo4j Community 5.26 server without Docker and without Neo4j's scripts.

The server's jars come from Maven Central: ``pom.xml`` at the repository root lists
them and ``mvn dependency:copy-dependencies`` copies them into ``<home>/lib`` (APOC
into ``<home>/plugins``).  We then start the JVM ourselves with the same flags
Neo4j's own launcher (``bin/neo4j`` -> ``org.neo4j.server.startup.Bootloader``) uses.

Layout of the server home (default ``<repo>/.neo4j``, git-ignored)::

    lib/      jars (from Maven)          conf/     neo4j.conf (written by write_config)
    plugins/  APOC (from Maven)          data/     databases, transaction logs, auth
    logs/     neo4j.log, debug.log, console.log (the JVM's stdout/stderr)
    run/      neo4j.pid                  import/   files LOAD CSV may read

Typical use::

    from csn.neo4j_local import server as ns
    pid = ns.start(ns.HOME, ns.password_from_env())   # installs + configures on first run
    print(ns.status(ns.HOME))                          # "running (pid N, bolt://localhost:7687)"
    ns.stop(ns.HOME)

or from a shell: ``python -m csn.neo4j_local.server install|start|stop|status``.

Standard library only; the ``neo4j`` Python driver is used, if installed, to check
that Bolt answers; otherwise the check goes through the HTTP API.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from csn.graph.cypher import housekeeping
from csn.graph.errors import CsnError

REPO = Path(__file__).resolve().parents[1]
POM = REPO / "pom.xml"
HOME = REPO / ".neo4j"

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"  # what bin/neo4j finally runs
ADMIN_CLASS = "org.neo4j.cli.AdminTool"  # what bin/neo4j-admin finally runs
DEFAULT_PASSWORD = "csn-local-password"
MIN_PASSWORD_LENGTH = 8  # Neo4j's default dbms.security.auth_minimum_password_length
DEFAULT_HEAP = "1g"

# JVM flags from the `server.jvm.additional` lines of Neo4j 5.26's default neo4j.conf,
# which its launcher puts on the java command line; we have no launcher, so we pass
# them ourselves.  The --add-opens lines open JDK internals (NIO buffers and file
# channels) that Neo4j and Netty reach into on Java 17+.
# Left out on purpose: -XX:+AlwaysPreTouch (it makes startup touch the whole heap; not
# worth it for a small local server).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",  # added by the launcher itself (BootloaderOsAbstraction)
]

# The Content-Security-Policy of the Browser's pages: Neo4j's default without the third-party
# hosts (cdn.segment.com, canny.io, fonts.googleapis.com, fonts.gstatic.com, guides.neo4j.com,
# api.segment.io, api.canny.io) and with connections to this machine only: Bolt over WebSocket,
# and the style and guide of neo4j_local.browser.
LOCAL_HOSTS = ("localhost", "127.0.0.1")
BROWSER_CONTENT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "connect-src 'self' " + " ".join(f"{s}://{h}:*" for s in ("ws", "http") for h in LOCAL_HOSTS),
    ]
)


class Neo4jServerError(CsnError):
    """Installing, configuring, starting or stopping the local server failed."""


class _PasswordRejected(Exception):
    """The server is up but refuses our password for user neo4j."""


# --------------------------------------------------------------------------- install


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def install(home: Path = HOME) -> None:
    """Copy the Neo4j jars from Maven Central into ``home/lib`` and ``home/plugins``.

    Does nothing if the jars are there and ``pom.xml`` has not changed since they were
    copied (a marker file in ``lib/`` records the pom's hash).  Jars are cached in
    ``~/.m2``, so a re-install after a pom change is quick.

    Raises Neo4jServerError if ``mvn`` is missing or fails (its output is included).
    """
    home = Path(home).resolve()
    marker = home / "lib" / ".pom.sha256"
    digest = _pom_digest()
    if marker.is_file() and marker.read_text().strip() == digest:
        return
    home.mkdir(parents=True, exist_ok=True)
    # Two runs at once (two `make test`) must not both empty lib/ and copy into it.
    with open(home / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (marker.is_file() and marker.read_text().strip() == digest):
            _copy_jars(home, marker, digest)


def _copy_jars(home: Path, marker: Path, digest: str) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven ('mvn') is not on PATH; it is needed to fetch Neo4j")
    # Start from empty folders: after a version bump, old jars would otherwise stay
    # next to the new ones and both would land on the class path.
    for sub in ("lib", "plugins"):
        shutil.rmtree(home / sub, ignore_errors=True)
    cmd = [
        mvn,
        "-q",
        "-B",
        "-Dstyle.color=never",
        "-f",
        str(POM),
        f"-Dneo4j.home={home}",
        "dependency:copy-dependencies@neo4j-lib",
        "dependency:copy-dependencies@neo4j-plugins",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise Neo4jServerError(
            f"{' '.join(cmd)} failed with exit code {proc.returncode}:\n" + _tail(proc.stdout + proc.stderr)
        )
    (home / "plugins").mkdir(parents=True, exist_ok=True)
    marker.write_text(digest + "\n")


# --------------------------------------------------------------------------- config


def write_config(
    home: Path = HOME,
    bolt_port: int = 7687,
    http_port: int = 7474,
    *,
    pagecache: str = "512m",
    heap: str = DEFAULT_HEAP,
    browser_remote_content_hostnames: str = "localhost",
    extra: dict[str, str] | None = None,
) -> Path:
    """Write ``home/conf/neo4j.conf`` for a local, password-protected server.

    Only settings Neo4j knows are written: the server validates the file strictly and
    refuses to start on an unknown key, so keys in ``extra`` must be real settings
    too (for example ``{"browser.post_connect_cmd": "play http://localhost:7474/guides/csn.html"}``).
    ``extra`` is appended last, so it can also override a default.
    Paths are relative to ``home``, so the folder can be moved.

    Returns the path of the written file.
    """
    home = Path(home).resolve()
    settings: dict[str, str] = {
        # Listen on loopback only: a development server with a well-known password.
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "localhost",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f":{bolt_port}",
        "server.bolt.advertised_address": f":{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f":{http_port}",
        "server.http.advertised_address": f":{http_port}",
        "server.https.enabled": "false",
        "server.directories.data": "data",
        "server.directories.logs": "logs",
        "server.directories.plugins": "plugins",
        "server.directories.import": "import",
        "server.directories.run": "run",
        "server.directories.lib": "lib",
        "dbms.security.auth_enabled": "true",
        # Memory: small, this machine runs tests and tools next to it.  Neo4j itself
        # ignores the heap keys (only its launcher script reads them); start() reads
        # them from here and passes them to java as -Xms/-Xmx.
        "server.memory.pagecache.size": pagecache,
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "dbms.usage_report.enabled": "false",  # no phoning home; there is no network
        # A stop (csn neo4j stop, and around every offline import) waited 5 s for each of the
        # two Bolt connectors to go quiet; this server's clients are csn's own, gone by then.
        # Neo4j's own test harness sets it to 0 too.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        # The Browser (which reads this through dbms.clientConfig) sends no usage events and
        # shows no banner announcing that it collects them.
        "client.allow_telemetry": "false",
        # What the Browser's pages may load: only this machine. The Community Browser still loads
        # analytics and feedback scripts and web fonts from third-party hosts (and reports its
        # errors to Sentry) whatever the settings above say; with this header the web browser
        # refuses those requests before sending them.
        "dbms.security.http_static_content_security_policy_header": BROWSER_CONTENT_POLICY,
        # Neo4j Browser (served at http://localhost:<http_port>/browser/): hosts whose
        # guides it may load.  5.26 still spells it "whitelist" ("allowlist" is rejected).
        "browser.remote_content_hostname_whitelist": browser_remote_content_hostnames,
        # APOC's procedures use internal APIs; Neo4j only loads them if allowed here.
        # Written even before install() has put APOC in plugins/: harmless without it.
        "dbms.security.procedures.unrestricted": "apoc.*",
    }
    settings.update(extra or {})

    conf = home / "conf" / "neo4j.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Written by neo4j_local/server.py; rewrite with write_config(), do not edit by hand."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    conf.write_text("\n".join(lines) + "\n")
    return conf


def _read_config(home: Path) -> dict[str, str]:
    """The key=value pairs of home/conf/neo4j.conf (last one wins), or {} if absent."""
    conf = Path(home) / "conf" / "neo4j.conf"
    settings: dict[str, str] = {}
    if conf.is_file():
        for line in conf.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                settings[key.strip()] = value.strip()
    return settings


def _port(home: Path, connector: str, default: int) -> int:
    address = _read_config(home).get(f"server.{connector}.listen_address", f":{default}")
    return int(address.rsplit(":", 1)[1])


# --------------------------------------------------------------------------- password


def password_from_env() -> str:
    """The password for user ``neo4j``: $NEO4J_PASSWORD, or the local default."""
    return os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("no 'java' on PATH (Neo4j 5.26 needs Java 17 or 21)")
    return java


def _classpath(home: Path) -> str:
    # Same order as Neo4j's launcher: plugins, conf, lib.
    return os.pathsep.join(str(home / d / "*") for d in ("plugins", "conf", "lib"))


def set_initial_password(home: Path, password: str) -> None:
    """Set the password of user ``neo4j`` before the server's first start.

    This is ``neo4j-admin dbms set-initial-password``, run straight from the jars.
    Neo4j reads the result (``data/dbms/auth.ini``) only when it creates its system
    database, i.e. on the first start; afterwards change the password with Cypher
    (``ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'new'``).

    Raises ValueError if the password is shorter than 8 characters (Neo4j's minimum),
    Neo4jServerError if the admin tool fails.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Neo4j passwords need at least {MIN_PASSWORD_LENGTH} characters")
    home = Path(home).resolve()
    # AdminTool finds the installation through these two variables (its main() reads them).
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    cmd = [_java(), "-cp", _classpath(home), ADMIN_CLASS, "dbms", "set-initial-password", password]
    proc = subprocess.run(cmd, cwd=home, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        # The cause (e.g. an unknown key in neo4j.conf) is on the first lines.
        output = (proc.stdout + proc.stderr).splitlines()
        raise Neo4jServerError(
            f"set-initial-password failed (exit {proc.returncode}):\n" + "\n".join(output[:10])
        )


# --------------------------------------------------------------------------- processes


def _pid_file(home: Path) -> Path:
    return Path(home) / "run" / "neo4j.pid"


def _is_our_server(pid: int) -> bool:
    """True if ``pid`` is a live Neo4j server (not a reused pid, not a zombie)."""
    # If we started it ourselves, reap it once it has exited; else this is a no-op.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (not Linux): fall back to "does the pid exist"
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False
    # A zombie has an empty command line; a reused pid has some other one.
    return MAIN_CLASS.encode() in cmdline


def _running_pid(home: Path) -> int | None:
    """The pid from home/run/neo4j.pid if that process is still our server."""
    try:
        pid = int(_pid_file(home).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _is_our_server(pid) else None


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _log_tail(home: Path, lines: int = 40) -> str:
    parts = []
    for name in ("console.log", "neo4j.log"):
        log = Path(home) / "logs" / name
        if log.is_file():
            text = log.read_text(errors="replace")
            parts.append(f"--- last lines of {log} ---\n{_tail(text, lines)}")
    return "\n".join(parts) or "(no log written)"


def _answers(bolt_port: int, http_port: int, password: str) -> bool:
    """True once the server runs an authenticated ``RETURN 1``.

    With the ``neo4j`` driver installed this goes over Bolt; without it, a TCP connect
    to the Bolt port plus the same query through the HTTP API.
    """
    try:
        import neo4j
    except ImportError:
        return _answers_over_http(bolt_port, http_port, password)
    try:
        with (
            neo4j.GraphDatabase.driver(
                f"bolt://127.0.0.1:{bolt_port}",
                auth=("neo4j", password),
                connection_timeout=2,
                max_connection_lifetime=5,
            ) as driver,
            driver.session() as session,
        ):
            # session.run, not driver.execute_query: the latter retries for up to
            # 30 s on its own with back-off, which would slow down our polling.
            session.run(housekeeping("ping")).consume()
        return True
    except neo4j.exceptions.AuthError as err:
        raise _PasswordRejected(str(err)) from err  # waiting longer will not help
    except Exception:  # not listening yet, database still starting, ...
        return False


def _answers_over_http(bolt_port: int, http_port: int, password: str) -> bool:
    """_answers without the driver: a TCP connect to Bolt, then ``RETURN 1`` over the HTTP API."""
    try:
        socket.create_connection(("127.0.0.1", bolt_port), timeout=2).close()
        request = urllib.request.Request(
            f"http://127.0.0.1:{http_port}/db/neo4j/tx/commit",
            data=json.dumps({"statements": [{"statement": housekeeping("ping")}]}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": "Basic " + base64.b64encode(f"neo4j:{password}".encode()).decode(),
            },
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return not json.load(response).get("errors")
    except urllib.error.HTTPError as err:
        if err.code == 401:
            raise _PasswordRejected("HTTP 401 Unauthorized") from err
        return False
    except OSError:
        return False


def start(
    home: Path = HOME,
    password: str | None = None,
    wait_seconds: float = 180,
) -> int:
    """Start the server in the background and wait until it answers; return its pid.

    If it is already running, return its pid at once.  On the way it installs the
    jars (``install``), writes a default ``conf/neo4j.conf`` if there is none (call
    ``write_config`` first for other settings) and sets the initial password of user
    ``neo4j`` (default: ``password_from_env()``), which Neo4j uses on its first start.

    The heap size comes from the ``server.memory.heap.*`` keys of ``conf/neo4j.conf``.
    The JVM runs in its own session, so it outlives the calling process; its
    stdout/stderr go to ``logs/console.log`` and its pid to ``run/neo4j.pid``.

    Raises ValueError for a password under 8 characters; Neo4jServerError, with the
    end of the logs, if the server exits or does not answer within ``wait_seconds``,
    or rejects the password (an older data folder made with another password: delete
    ``data/`` or use that password).
    """
    home = Path(home).resolve()
    pid = _running_pid(home)
    if pid is not None:
        return pid
    password = password or password_from_env()

    install(home)
    if not (home / "conf" / "neo4j.conf").is_file():
        write_config(home)
    for sub in ("data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    # Cheap (under a second) and harmless once the users exist, so do it every time
    # rather than guess whether an earlier first start got far enough to create them.
    set_initial_password(home, password)

    conf = _read_config(home)
    heap_min = conf.get("server.memory.heap.initial_size", DEFAULT_HEAP)
    heap_max = conf.get("server.memory.heap.max_size", DEFAULT_HEAP)
    cmd = [
        _java(),
        f"-Xms{heap_min}",
        f"-Xmx{heap_max}",
        *JVM_FLAGS,
        "-cp",
        _classpath(home),
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
    ]
    with open(home / "logs" / "console.log", "ab") as console:
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # detach from our terminal
        )
    _pid_file(home).write_text(f"{proc.pid}\n")

    bolt_port, http_port = _port(home, "bolt", 7687), _port(home, "http", 7474)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _pid_file(home).unlink(missing_ok=True)
            raise Neo4jServerError(
                f"Neo4j exited during startup with code {proc.returncode}\n{_log_tail(home)}"
            )
        try:
            if _answers(bolt_port, http_port, password):
                return proc.pid
        except _PasswordRejected as err:  # the server is useless to us: stop it
            stop(home)
            raise Neo4jServerError(
                f"Neo4j started but refused the password for user 'neo4j' ({err}). "
                f"{home / 'data'} was set up with another password: use that one, "
                "or delete the data folder to start afresh."
            ) from err
        time.sleep(0.25)
    stop(home)
    raise Neo4jServerError(
        f"Neo4j did not answer on bolt port {bolt_port} within {wait_seconds:.0f} s; "
        f"stopped it\n{_log_tail(home)}"
    )


def stop(home: Path = HOME, wait_seconds: float = 60) -> None:
    """Stop the server: SIGTERM (clean shutdown), then SIGKILL after ``wait_seconds``.

    Does nothing if it is not running.  Removes ``run/neo4j.pid``.
    Raises Neo4jServerError if the process survives even SIGKILL.
    """
    home = Path(home).resolve()
    pid = _running_pid(home)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + wait_seconds
        while _is_our_server(pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        if _is_our_server(pid):
            # Neo4j recovers from the transaction log on the next start.
            os.kill(pid, signal.SIGKILL)
            time.sleep(1)
            if _is_our_server(pid):
                raise Neo4jServerError(f"Neo4j (pid {pid}) survived SIGKILL")
    _pid_file(home).unlink(missing_ok=True)


def status(home: Path = HOME) -> str:
    """``"running (pid N, bolt://localhost:7687)"`` or ``"stopped"``."""
    pid = _running_pid(Path(home))
    if pid is None:
        return "stopped"
    return f"running (pid {pid}, bolt://localhost:{_port(Path(home), 'bolt', 7687)})"


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """``python -m csn.neo4j_local.server install|start|stop|status``; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    commands = ("install", "start", "stop", "status")
    if len(args) != 1 or args[0] not in commands:
        print(f"usage: python -m csn.neo4j_local.server {{{'|'.join(commands)}}}", file=sys.stderr)
        return 2
    try:
        if args[0] == "install":
            install(HOME)
        elif args[0] == "start":
            start(HOME, password_from_env())
        elif args[0] == "stop":
            stop(HOME)
        print(status(HOME))
    except (Neo4jServerError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
