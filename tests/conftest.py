"""End-to-end fixtures: the real Odoo HTTP server on a free loopback port, JSON-RPC clients.

The server runs on the test database that `make test` prepared (crm_followup installed with
demo data). It is started once per session and stopped by its PID.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar

import pytest

ROOT = os.environ.get("CRM_FOLLOWUP_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "artifacts")

# The windows the browser tests open pages in: a desktop, and a salesperson's phone (390×844,
# touch, the page's mobile viewport honoured). A phone shot's file ends in "_phone.png".
SCREENS = {
    "desktop": {"name": "desktop", "width": 1400, "height": 860, "mobile": False},
    "phone": {"name": "phone", "width": 390, "height": 844, "mobile": True},
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RpcError(Exception):
    """An error the server returned: `.name` is the Python exception class, `.message` its text."""

    def __init__(self, data):
        err = data.get("data", {})
        self.name = err.get("name", "")
        self.message = err.get("message") or data.get("message", "")
        super(RpcError, self).__init__("%s: %s" % (self.name, self.message))


class Rpc(object):
    """A JSON-RPC session of one user, as the web client makes it (cookie session)."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.uid = None

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}).encode()
        req = urllib.request.Request(self.url + path, body, {"Content-Type": "application/json"})
        with self.opener.open(req, timeout=120) as resp:
            data = json.loads(resp.read().decode())
        if "error" in data:
            raise RpcError(data["error"])
        return data["result"]

    def login(self, login, password, lang=None):
        res = self.post("/web/session/authenticate", {"db": self.db, "login": login, "password": password})
        self.uid = res["uid"]
        if not self.uid:
            raise RpcError({"message": "login failed for %s" % login})
        self.context = dict(res.get("user_context") or {}, **({"lang": lang} if lang else {}))
        return self

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.post("/web/dataset/call_kw/%s/%s" % (model, method),
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})


class Server(object):
    def __init__(self, db):
        self.db = db
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        # tools/test.sh says where its logs and config are (CRM_FOLLOWUP_LOCAL may move them)
        logs = os.environ.get("CRM_FOLLOWUP_LOGS") or os.path.join(ROOT, ".local", "logs", db)
        os.makedirs(logs, exist_ok=True)
        self.log = os.path.join(logs, "e2e-server.log")
        open(self.log, "w").close()  # Odoo appends: keep only this run's lines
        conf = os.path.join(logs, "odoo.conf")  # written by tools/test.sh for this database
        venv_python = sys.executable
        self.proc = subprocess.Popen(
            [venv_python, os.path.join(ROOT, "tools", "odoo-bin"), "-c", conf, "-d", db,
             "--http-port=%d" % self.port, "--longpolling-port=%d" % free_port(),
             "--logfile=%s" % self.log, "--max-cron-threads=0", "--workers=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                # no request before the preloaded registry is ready: the first request imports
                # the addons' controllers, which races with the registry loading the same addons
                if not self._preloaded():
                    raise RuntimeError("registry not loaded yet")
                urllib.request.urlopen(self.url + "/web/login", timeout=5).read()
                return
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError("Odoo exited with %s, see %s" % (self.proc.returncode, self.log))
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("Odoo did not answer within 120 s, see %s" % self.log)

    def _preloaded(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        return "Modules loaded." in text or "Failed to initialize database" in text

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)

    def rpc(self, login, password=None, lang=None):
        return Rpc(self.url, self.db).login(login, password or login, lang=lang)


@pytest.fixture(scope="session")
def server():
    db = os.environ.get("CRM_FOLLOWUP_TEST_DB")
    if not db:
        pytest.skip("end-to-end tests run under `make test` (CRM_FOLLOWUP_TEST_DB unset)")
    srv = Server(db)
    yield srv
    srv.stop()
    # The server's own log must be clean too: `make test` greps it with the others.
    with open(srv.log, encoding="utf-8", errors="replace") as f:
        bad = [line for line in f if " ERROR " in line or " CRITICAL " in line]
    assert not bad, "the e2e server logged errors:\n" + "".join(bad[:20])


@pytest.fixture(scope="session")
def admin(server):
    return server.rpc("admin", "admin")


@pytest.fixture(params=["desktop", "phone"])
def screen(request):
    """A main screen's browser test runs once per size: pass this to `browse(..., screen=screen)`."""
    return SCREENS[request.param]


def refused(call, name="odoo.exceptions.UserError", *fragments):
    """What the server answered to a call it refused: the error's name and message checked."""
    with pytest.raises(RpcError) as err:
        call()
    assert err.value.name == name, err.value
    assert all(f in err.value.message for f in fragments), err.value.message
    return err.value.message
