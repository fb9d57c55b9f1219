# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Screenshots of the addons for the README and each addon's readme
(``./dev screenshots``).

Drives a headless Chromium over the DevTools protocol (``websocket-client``) against a
running Odoo: logs in as admin, opens each page of SHOTS, waits until the web client is
idle and saves a PNG under the addon's ``static/description/``. Records are found by
JSON-RPC, so the shots follow the demo data instead of hard-coded ids.
"""

import argparse
import base64
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parents[1]


def _first(rpc, model, domain, order="id"):
    ids = rpc(model, "search", [domain], {"limit": 1, "order": order})
    if not ids:
        raise SystemExit(f"no {model} matching {domain} in the demo database")
    return ids[0]


def _receipt_posted(rpc):
    receipt = _first(rpc, "account.receipt", [("state", "=", "posted")])
    return f"/odoo/action-account_receipt_preid.account_receipt_action/{receipt}"


def _receipt_entry(rpc):
    receipt = _first(rpc, "account.receipt", [("state", "=", "posted")])
    move = rpc("account.receipt", "read", [[receipt], ["move_id"]])[0]["move_id"][0]
    return f"/odoo/action-account.action_move_journal_line/{move}"


def _receipt_list(rpc):
    return "/odoo/action-account_receipt_preid.account_receipt_action"


def _draft_invoice_with_preids(rpc):
    invoice = _first(
        rpc,
        "account.move",
        [("move_type", "=", "out_invoice"), ("state", "=", "draft")],
    )
    return f"/odoo/action-account.action_move_out_invoice_type/{invoice}"


def _prepayment_list(rpc):
    return "/odoo/action-account_receipt_preid.account_prepayment_action"


def _receipt_to_import(rpc):
    receipt = _first(
        rpc,
        "account.receipt",
        [("state", "=", "draft"), ("journal_id.code", "=", "SWEE")],
    )
    return f"/odoo/action-account_receipt_preid.account_receipt_action/{receipt}"


def _import_sepa_est_until_matching(browser):
    """IMPORT SEPA EST on the receipt: upload the Swedbank sample, read it, go to the
    matching step."""
    browser.click("button[name='action_import_sepa_est']")
    browser.set_file(
        ".modal input[type='file']",
        ROOT / "bank_import_swed" / "tests" / "data" / "camt053_swedbank_ee.xml",
    )
    time.sleep(1.0)
    browser.click(".modal button[name='action_read_file']")
    browser.click(".modal button[name='action_match']")


def _banqup_settings(rpc):
    """The settings after the admin registered the e-services (Register service, Save)
    against the emulator."""
    if not rpc("banqup.service", "search_count", [[("active", "=", True)]]):
        settings = rpc("res.config.settings", "create", [{}])
        wizard = rpc(
            "res.config.settings", "action_l10n_lv_banqup_register", [[settings]]
        )
        rpc("banqup.register.wizard", "action_register", [[wizard["res_id"]]])
    return "/odoo/settings#account"


def _banqup_settings_prepare(browser):
    """Only the Banqup block, scrolled down to its e-services and their registration."""
    browser.type_into(".o_searchview_input", "Banqup")
    time.sleep(1.0)
    browser.evaluate(
        "document.querySelector('#l10n_lv_banqup_status').scrollIntoView({block: "
        "'end'})"
    )


def _banqup_inbox(rpc):
    if not rpc("banqup.document", "search_count", [[]]):
        rpc(
            "banqup.document", "action_fetch_now", []
        )  # from the emulator started by ./dev
    return "/odoo/action-l10n_lv_banqup.banqup_document_action"


#: (addon, file name, url builder, action on the browser once the page is ready)
SHOTS = [
    ("account_receipt_preid", "receipt_list.png", _receipt_list, None),
    ("account_receipt_preid", "receipt_form.png", _receipt_posted, None),
    ("account_receipt_preid", "receipt_entry.png", _receipt_entry, None),
    (
        "account_receipt_preid",
        "invoice_prepayments.png",
        _draft_invoice_with_preids,
        lambda browser: browser.click("button[name='action_open_prepayment_picks']"),
    ),
    ("account_receipt_preid", "prepayment_list.png", _prepayment_list, None),
    (
        "bank_import_swed",
        "matching_step.png",
        _receipt_to_import,
        _import_sepa_est_until_matching,
    ),
    (
        "l10n_lv_banqup",
        "banqup_settings.png",
        _banqup_settings,
        _banqup_settings_prepare,
    ),
    (
        "l10n_lv_banqup",
        "banqup_inbox.png",
        _banqup_inbox,
        # the inbox opens on "To do": remove the filter to show the imported documents
        # too
        lambda browser: browser.click(".o_searchview_facet .o_facet_remove"),
    ),
]


class Odoo:
    def __init__(self, url, db):
        self.url, self.db = url.rstrip("/"), db
        self.session = None

    def _post(self, path, params, cookie=None):
        req = urllib.request.Request(
            self.url + path,
            json.dumps(
                {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
            ).encode(),
            {
                "Content-Type": "application/json",
                **({"Cookie": f"session_id={cookie}"} if cookie else {}),
            },
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            body = json.load(resp)
            cookies = resp.headers.get_all("Set-Cookie") or []
        if "error" in body:
            raise SystemExit(f"Odoo refused {path}: {body['error'].get('message')}")
        return body["result"], cookies

    def login(self, login="admin", password="admin"):
        _res, cookies = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        for c in cookies:
            if c.startswith("session_id="):
                self.session = c.split(";", 1)[0].split("=", 1)[1]
        if not self.session:
            raise SystemExit("login failed: no session cookie")

    def rpc(self, model, method, args, kwargs=None):
        res, _c = self._post(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            cookie=self.session,
        )
        return res


class Chromium:
    """A headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, width=1440, height=900):
        exe = next(
            (
                shutil.which(b)
                for b in ("chromium", "google-chrome", "chromium-browser")
                if shutil.which(b)
            ),
            None,
        )
        if not exe:
            raise SystemExit("no Chromium found: install the chromium package")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="odoo-shots-")
        self.proc = subprocess.Popen(
            [
                exe,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as resp:
                    pages = [p for p in json.load(resp) if p.get("type") == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit("Chromium did not start")
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60
        )
        self.ids = itertools.count(1)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.enable")
        self.call("Network.enable")

    def call(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise SystemExit(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def evaluate(self, expr):
        return (
            self.call("Runtime.evaluate", expression=expr, returnByValue=True)
            .get("result", {})
            .get("value")
        )

    def type_into(self, selector, text):
        """Focus the element and type text as a user would (real input events)."""
        self._wait_for(selector, "e.focus()")
        self.call("Input.insertText", text=text)

    def set_file(self, selector, path):
        """Put a file into a file input, as choosing it in the browser's dialog
        would."""
        self._wait_for(selector, "void 0")
        root = self.call("DOM.getDocument", depth=-1, pierce=True)["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        self.call("DOM.setFileInputFiles", files=[str(path)], nodeId=node)

    def click(self, selector):
        """Click the element, then wait until the web client is idle again."""
        self._wait_for(selector, "e.click()")
        self.wait_ready()

    def _wait_for(self, selector, action, timeout=15):
        script = (
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
            f"if (e) {{ {action}; return true; }} return false; }})()"
        )
        deadline = time.time() + timeout
        while not self.evaluate(script):
            if time.time() > deadline:
                raise SystemExit(f"no element {selector} on the page")
            time.sleep(0.2)

    def wait_ready(self, timeout=60):
        time.sleep(0.3)
        deadline = time.time() + timeout
        ready = (
            "window.odoo && odoo.isReady === true && "
            "!document.querySelector('.o_loading_indicator, .o_blockUI')"
        )
        while not self.evaluate(ready):
            if time.time() > deadline:
                raise SystemExit(f"the page did not finish loading in {timeout} s")
            time.sleep(0.2)

    def shoot(self, url, out, prepare=None, settle=1.5):
        """Open url, run prepare(browser) once the web client is idle, save a PNG to
        out."""
        self.call("Page.navigate", url=url)
        self.wait_ready()
        if prepare:
            time.sleep(0.5)
            prepare(self)
        time.sleep(settle)  # let animations and lazy widgets settle
        png = base64.b64decode(
            self.call("Page.captureScreenshot", format="png")["data"]
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(png)

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--only", help="comma-separated file names to take")
    args = parser.parse_args()
    odoo = Odoo(args.url, args.db)
    odoo.login()
    browser = Chromium()
    try:
        host = args.url.split("//", 1)[1].split(":")[0]
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=odoo.session,
            domain=host,
            path="/",
        )
        for addon, name, build, prepare in SHOTS:
            if args.only and name not in args.only.split(","):
                continue
            out = ROOT / addon / "static" / "description" / name
            browser.shoot(args.url + build(odoo.rpc), out, prepare)
            print(f"wrote {out.relative_to(ROOT)}", flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
