#!/usr/bin/env python3
"""The deployment test: two `solidarity serve` instances and one `solidarity
worker` on one PostgreSQL, HAProxy in front (tests/deploy/haproxy.cfg), an SMTP
sink; instances killed and stopped in the middle of the work. See
tests/deploy/run, which builds the binary and calls this with its path.

Only the standard library: the test must run wherever .ci/run runs.

What it does, through the load balancer as a visitor would:
  1. signs in as an admin and keeps working on both instances with that cookie;
  2. sends a campaign to about 2,000 member cities (a second admin approves it);
  3. runs a signing burst, and in the middle kills (SIGKILL) instance one and the
     worker, then starts them again;
  4. runs a second burst and stops instance two with SIGTERM in the middle
     (graceful: requests in flight finish, claimed mail goes back to the queue),
     and stops the worker with SIGTERM while it sends;
and asserts that every signature a signer was told was recorded is in the
database once, that every message the outbox marks sent reached the sink and
none twice beyond the messages in flight at a kill, that HAProxy took the dead
instance out and back, and that the only failed answers were requests in
flight at a kill. It prints a table and writes it to target/deploy.md.
"""

import asyncio
import http.client
import os
import random
import re
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import closing

PG_SERVER = os.environ.get("DEPLOY_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "solidarity_deploy"
PETITION = "ban-nuclear-weapons"  # seed-demo's open petition
ADMIN_PASSWORD = "deploy-test-" + "".join(random.choices(string.ascii_letters, k=16))
SIGNERS = 12  # concurrent signers in each burst
BURST_SECONDS = 12
CAMPAIGN_RECIPIENTS = 2000
HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(text):
    print(f"[deploy {time.strftime('%H:%M:%S')}] {text}", flush=True)


def psql(sql, database=DATABASE):
    out = subprocess.run(
        ["psql", f"{PG_SERVER}/{database}?sslmode=disable", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


# ----------------------------------------------------------------- SMTP sink


class SmtpSink:
    """A real SMTP server (plain, on loopback) that keeps each message's
    Message-ID. Enough of RFC 5321 for lettre: EHLO/HELO, MAIL, RCPT, DATA,
    RSET, NOOP, QUIT."""

    def __init__(self):
        self.port = free_port()
        self.message_ids = []
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait()

    def _serve(self, ready):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", self.port)
        )
        ready.set()
        self.server = server
        self.loop.run_forever()

    async def _session(self, reader, writer):
        def reply(line):
            writer.write((line + "\r\n").encode())

        reply("220 deploy-sink ESMTP")
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    reply("250-deploy-sink")
                    reply("250 8BITMIME")
                elif verb == b"DATA":
                    reply("354 end with .")
                    await writer.drain()
                    body = await reader.readuntil(b"\r\n.\r\n")
                    match = re.search(rb"(?im)^message-id:\s*(<[^>]+>)", body)
                    with self.lock:
                        self.message_ids.append(match.group(1).decode() if match else None)
                    reply("250 queued")
                elif verb == b"QUIT":
                    reply("221 bye")
                    await writer.drain()
                    break
                else:
                    reply("250 ok")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def received(self):
        with self.lock:
            return Counter(self.message_ids)


# ------------------------------------------------------------- the processes


class Deployment:
    def __init__(self, binary, workdir, sink):
        self.binary = binary
        self.workdir = workdir
        self.ports = {"lb": free_port(), "one": free_port(), "two": free_port(), "stats": free_port()}
        self.secret = "".join(random.choices(string.ascii_letters + string.digits, k=64))
        self.sink = sink
        self.processes = {}

    def env(self, name, extra=None):
        data_dir = os.path.join(self.workdir, name)
        os.makedirs(data_dir, exist_ok=True)
        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": f"{PG_SERVER}/{DATABASE}?sslmode=disable",
                "DATABASE_POOL_SIZE": "16",
                "DATA_DIR": data_dir,
                "SECRET_KEY": self.secret,
                "BASE_URL": f"http://127.0.0.1:{self.ports['lb']}",
                "TRUSTED_PROXIES": "127.0.0.1",
                "TWO_FACTOR_REQUIRED": "none",
                "SMTP_URL": f"smtp://127.0.0.1:{self.sink.port}",
                "MAIL_FROM": "Mayors for Peace <secretariat@example.org>",
                # A message a dead worker held is taken over after 10 s, not 5 min.
                "MAIL_LEASE_SECONDS": "10",
                "MAIL_RATE_PER_SECOND": "400",
                "MAIL_POLL_MS": "200",
                "RUST_LOG": "warn",
            }
        )
        env.update(extra or {})
        return env

    def command(self, *args, env_name="cli", extra=None, **kwargs):
        return subprocess.run(
            [self.binary, *args], env=self.env(env_name, extra), check=True, capture_output=True, text=True, **kwargs
        )

    def start_instance(self, name):
        env = self.env(
            name,
            # On SIGTERM the health check fails for 3 s first: HAProxy (a check
            # a second, out after two failures) stops sending here before the
            # listener closes.
            {"BIND": f"127.0.0.1:{self.ports[name]}", "MAIL_WORKERS": "0", "SHUTDOWN_DRAIN_SECONDS": "3"},
        )
        self._spawn(name, [self.binary, "serve"], env)
        wait_until(lambda: http_status(self.ports[name], "/healthz") == 200, 60, f"instance {name} answers")

    def start_worker(self):
        env = self.env("worker", {"MAIL_WORKERS": "1", "MAIL_CONNECTIONS": "4"})
        self._spawn("worker", [self.binary, "worker"], env)

    def start_haproxy(self):
        env = dict(os.environ)
        env.update(
            {
                "SOLIDARITY_LISTEN": f"127.0.0.1:{self.ports['lb']}",
                "SOLIDARITY_ONE": f"127.0.0.1:{self.ports['one']}",
                "SOLIDARITY_TWO": f"127.0.0.1:{self.ports['two']}",
                "HAPROXY_STATS": f"127.0.0.1:{self.ports['stats']}",
            }
        )
        self._spawn("haproxy", ["haproxy", "-db", "-f", os.path.join(HERE, "haproxy.cfg")], env)
        wait_until(lambda: set(self.lb_status().values()) == {"UP"}, 30, "HAProxy sees both instances up")

    def _spawn(self, name, argv, env):
        out = open(os.path.join(self.workdir, f"{name}.log"), "ab")
        self.processes[name] = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)

    def kill(self, name, sig=signal.SIGKILL):
        process = self.processes[name]
        process.send_signal(sig)
        return process

    def wait_exit(self, name, seconds=40):
        code = self.processes[name].wait(timeout=seconds)
        return code

    def lb_status(self):
        """HAProxy's view of each instance: UP, DOWN, or a transition."""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.ports["stats"], timeout=2)
            conn.request("GET", "/stats;csv")
            rows = conn.getresponse().read().decode().splitlines()
        except OSError:
            return {}
        header = rows[0].lstrip("# ").split(",")
        status = {}
        for row in rows[1:]:
            fields = dict(zip(header, row.split(",")))
            if fields.get("pxname") == "instances" and fields.get("svname") in ("one", "two"):
                status[fields["svname"]] = fields["status"].split(" ")[0]
        return status

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def wait_until(check, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting until {what}")


def http_status(port, path):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None


class LbWatcher(threading.Thread):
    """Polls HAProxy's status page and keeps every change it saw."""

    def __init__(self, deployment):
        super().__init__(daemon=True)
        self.deployment = deployment
        self.seen = {"one": [], "two": []}
        self.running = True

    def run(self):
        while self.running:
            for name, status in self.deployment.lb_status().items():
                if not self.seen[name] or self.seen[name][-1] != status:
                    self.seen[name].append(status)
            time.sleep(0.1)


# ------------------------------------------------------------------- visitors


class Browser:
    """One visitor with cookies, talking HTTP/1.1 to one address."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        body = urllib.parse.urlencode(form) if form is not None else None
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.getheader("Location"), text

    def csrf(self, path):
        status, _, page = self.request("GET", path)
        assert status == 200, f"GET {path}: {status}"
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post_form(self, path, form, token_from=None):
        token = self.csrf(token_from or path)
        return self.request("POST", path, form={**form, "csrf_token": token})

    def sign_in(self, email):
        status, location, _ = self.post_form("/login", {"email": email, "password": ADMIN_PASSWORD})
        assert status == 303 and location != "/login", f"sign-in of {email}: {status} {location}"


class Burst:
    """Signers posting the petition's form through the load balancer, each a
    new visitor with an address of their own; keeps what each was told."""

    def __init__(self, port, first_number):
        self.port = port
        self.next_number = first_number
        self.lock = threading.Lock()
        self.acknowledged = []
        self.refused = Counter()  # status -> count, for answers other than 303
        self.errors = 0  # no answer at all (connection reset mid-request)
        self.running = True

    def number(self):
        with self.lock:
            self.next_number += 1
            return self.next_number

    def signer(self):
        while self.running:
            n = self.number()
            email = f"signer{n}@example{n % 500}.org"
            visitor = Browser(self.port)
            forwarded = {"X-Forwarded-For": f"198.51.{(n // 250) % 250}.{n % 250 + 1}"}
            try:
                status, _, page = visitor.request("GET", f"/petitions/{PETITION}", headers=forwarded)
                if status != 200:
                    self.count_refused(status)
                    continue
                token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
                form = {"name": "Sadako Sasaki", "country": "JP", "email": email, "consent": "yes", "csrf_token": token}
                status, location, _ = visitor.request("POST", f"/petitions/{PETITION}/sign", form=form, headers=forwarded)
            except (OSError, http.client.HTTPException):
                with self.lock:
                    self.errors += 1
                continue
            if status == 303 and "outcome=sent" in (location or ""):
                with self.lock:
                    self.acknowledged.append(email)
            else:
                self.count_refused(status)

    def count_refused(self, status):
        with self.lock:
            self.refused[status] += 1

    def run(self, seconds, events):
        """Runs for `seconds`; `events` is [(at_second, action)] done meanwhile."""
        threads = [threading.Thread(target=self.signer, daemon=True) for _ in range(SIGNERS)]
        for thread in threads:
            thread.start()
        started = time.time()
        for at, action in events:
            time.sleep(max(0.0, started + at - time.time()))
            action()
        time.sleep(max(0.0, started + seconds - time.time()))
        self.running = False
        for thread in threads:
            thread.join()


# ----------------------------------------------------------------- the test


def prepare_database(deployment):
    log("creating the database, migrating, loading seed-demo data and two admins")
    subprocess.run(["psql", f"{PG_SERVER}/postgres?sslmode=disable", "-qc", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run(["psql", f"{PG_SERVER}/postgres?sslmode=disable", "-qc", f"CREATE DATABASE {DATABASE}"], check=True)
    deployment.command("migrate")
    deployment.command("seed-demo")
    for email, name in (("ops-one@example.org", "Ops One"), ("ops-two@example.org", "Ops Two")):
        deployment.command("create-admin", "--email", email, "--name", name, extra={"SOLIDARITY_ADMIN_PASSWORD": ADMIN_PASSWORD})


def session_works_everywhere(deployment):
    """Signs in through the load balancer, then uses the cookie on each instance."""
    admin = Browser(deployment.ports["lb"])
    admin.sign_in("ops-one@example.org")
    answers = {}
    for name in ("one", "two"):
        direct = Browser(deployment.ports[name])
        direct.cookies = dict(admin.cookies)
        status, location, page = direct.request("GET", "/staff")
        answers[name] = status == 200 and "ops-one@example.org" not in (location or "") and "/logout" in page
    return admin, answers


def start_campaign(deployment, admin):
    """A campaign to 2,000 member cities, pasted as a list of member numbers
    as the secretariat does for a chosen group; the second admin approves it
    (it is above the approval threshold)."""
    numbers = psql(
        "SELECT member_number FROM member_cities WHERE status = 'active' AND email IS NOT NULL "
        f"ORDER BY member_number LIMIT {CAMPAIGN_RECIPIENTS}"
    )
    status, location, _ = admin.post_form(
        "/admin/campaigns",
        {
            "subject": "Deployment test: please confirm your contact for {city}",
            "body": "Dear Mayor of {city},\n\nThis is a test of the secretariat's mail.\n",
            "continent": "",
            "country": "",
            "role": "",
            "pasted_list": numbers,
        },
        token_from="/admin/campaigns/new",
    )
    assert status == 303 and location, f"creating the campaign: {status}"
    campaign = location.rstrip("/").split("/")[-1]
    status, _, _ = admin.post_form(f"/admin/campaigns/{campaign}/send", {}, token_from=f"/admin/campaigns/{campaign}")
    assert status == 303, f"sending the campaign: {status}"
    second = Browser(deployment.ports["lb"])
    second.sign_in("ops-two@example.org")
    second.post_form(f"/admin/campaigns/{campaign}/approve", {}, token_from=f"/admin/campaigns/{campaign}")
    wait_until(lambda: int(psql(f"SELECT count(*) FROM outbox WHERE reference_type = 'campaign' AND reference_id = '{campaign}'")) > 0, 60, "the campaign is queued")
    recipients = int(psql(f"SELECT count(*) FROM outbox WHERE reference_type = 'campaign' AND reference_id = '{campaign}'"))
    log(f"campaign {campaign} to {recipients} cities queued")
    return campaign, recipients


def in_flight_at_kill():
    return int(psql("SELECT count(*) FROM outbox WHERE status = 'sending'"))


def claimed_by_whom():
    """For the log: who holds the messages in `sending`."""
    return psql("SELECT coalesce(lease_owner, '-') || ': ' || count(*) FROM outbox WHERE status = 'sending' GROUP BY lease_owner")


def main():
    binary = os.path.abspath(sys.argv[1])
    workdir = tempfile.mkdtemp(prefix="solidarity-deploy-")
    sink = SmtpSink()
    deployment = Deployment(binary, workdir, sink)
    report = []
    try:
        prepare_database(deployment)
        for name in ("one", "two"):
            deployment.start_instance(name)
        deployment.start_worker()
        deployment.start_haproxy()
        watcher = LbWatcher(deployment)
        watcher.start()

        admin, session_answers = session_works_everywhere(deployment)
        assert all(session_answers.values()), f"the session is not valid everywhere: {session_answers}"
        report.append(("session made through the load balancer, used on each instance", "valid on one and two"))

        campaign, recipients = start_campaign(deployment, admin)

        # Burst 1: SIGKILL instance one and the worker, start them again.
        kills = {}
        burst = Burst(deployment.ports["lb"], 0)

        def kill_instance_and_worker():
            kills["sending"] = in_flight_at_kill()
            deployment.kill("one")
            deployment.kill("worker")
            deployment.wait_exit("one")
            deployment.wait_exit("worker")
            log(f"killed instance one and the worker ({kills['sending']} messages in `sending`)")

        def restart_instance_and_worker():
            deployment.start_worker()
            deployment.start_instance("one")
            log("instance one and the worker started again")

        log(f"signing burst 1 ({SIGNERS} signers, {BURST_SECONDS} s) with SIGKILL in the middle")
        burst.run(BURST_SECONDS, [(3, kill_instance_and_worker), (7, restart_instance_and_worker)])
        wait_until(lambda: deployment.lb_status().get("one") == "UP", 30, "HAProxy takes instance one back")

        # Burst 2: SIGTERM instance two (graceful) and the worker while it sends.
        graceful = Burst(deployment.ports["lb"], 1_000_000)
        stopped = {}

        def stop_two_and_worker_gracefully():
            deployment.kill("two", signal.SIGTERM)
            deployment.kill("worker", signal.SIGTERM)
            stopped["two"] = deployment.wait_exit("two")
            stopped["worker"] = deployment.wait_exit("worker")
            stopped["left_sending"] = in_flight_at_kill()
            log(f"instance two and the worker stopped by SIGTERM (exit {stopped['two']}, {stopped['worker']}; {stopped['left_sending']} left in `sending`: {claimed_by_whom()!r})")

        def restart_two_and_worker():
            deployment.start_worker()
            deployment.start_instance("two")

        queued_before_term = int(psql("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')"))
        log(f"signing burst 2 with SIGTERM in the middle ({queued_before_term} messages still to send)")
        graceful.run(BURST_SECONDS, [(3, stop_two_and_worker_gracefully), (6, restart_two_and_worker)])
        wait_until(lambda: deployment.lb_status().get("two") == "UP", 30, "HAProxy takes instance two back")

        log("waiting for the outbox to drain")
        wait_until(lambda: psql("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") == "0", 240, "every message is sent")
        watcher.running = False

        check_and_report(deployment, sink, report, burst, graceful, kills, stopped, recipients, watcher, queued_before_term)
    finally:
        deployment.stop_all()
        if os.environ.get("DEPLOY_KEEP") is None:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"logs kept in {workdir}")


def check_and_report(deployment, sink, report, burst, graceful, kills, stopped, recipients, watcher, queued_before_term):
    failures = []
    acknowledged = burst.acknowledged + graceful.acknowledged
    recorded = Counter(psql(f"SELECT s.email FROM petition_submissions s JOIN petitions p ON p.id = s.petition_id WHERE p.slug = '{PETITION}' AND s.email LIKE 'signer%'").split())
    missing = [e for e in acknowledged if e not in recorded]
    twice = [e for e, n in recorded.items() if n > 1]
    if missing:
        failures.append(f"{len(missing)} acknowledged signatures are not in the database, e.g. {missing[:3]}")
    if twice:
        failures.append(f"{len(twice)} signatures are recorded twice")
    report.append(("signatures acknowledged (burst 1 with SIGKILL + burst 2 with SIGTERM)", f"{len(burst.acknowledged):,} + {len(graceful.acknowledged):,}"))
    report.append(("acknowledged signatures missing from the database / recorded twice", f"{len(missing)} / {len(twice)}"))

    # Answers that were not 303: at a SIGKILL only the requests in flight on
    # the killed instance may fail (HAProxy retries the refused connections).
    killed_failures = sum(n for s, n in burst.refused.items() if s >= 500) + burst.errors
    graceful_failures = sum(n for s, n in graceful.refused.items() if s >= 500) + graceful.errors
    report.append(("failed answers at the SIGKILL (5xx or reset; at most the requests in flight)", f"{killed_failures} ({dict(burst.refused) or 'no other status'})"))
    report.append(("failed answers at the SIGTERM (graceful: expected 0)", f"{graceful_failures} ({dict(graceful.refused) or 'no other status'})"))
    if killed_failures > SIGNERS:
        failures.append(f"{killed_failures} failed answers at the kill, more than the {SIGNERS} requests that can be in flight")
    if graceful_failures:
        failures.append(f"{graceful_failures} failed answers while an instance stopped gracefully")

    sent = psql("SELECT message_id FROM outbox WHERE status = 'sent'").split()
    received = sink.received()
    lost = [m for m in sent if received[m] == 0]
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    in_flight = kills.get("sending", 0)
    report.append(("campaign recipients", f"{recipients:,}"))
    report.append(("messages the outbox marks sent / received by the sink", f"{len(sent):,} / {sum(received.values()):,}"))
    report.append(("messages lost / received twice", f"{len(lost)} / {duplicates} (in `sending` at the SIGKILL: {in_flight}; MAIL_CONNECTIONS 4)"))
    if lost:
        failures.append(f"{len(lost)} messages marked sent never reached the sink")
    if duplicates > max(in_flight, 4):
        failures.append(f"{duplicates} duplicates, more than the {max(in_flight, 4)} messages in flight at the kill")
    report.append(("left in `sending` after the worker's SIGTERM (expected 0)", f"{stopped.get('left_sending')} (exit codes: instance {stopped.get('two')}, worker {stopped.get('worker')})"))
    if stopped.get("left_sending"):
        failures.append("the worker stopped by SIGTERM left messages in `sending`")
    if stopped.get("two") != 0 or stopped.get("worker") != 0:
        failures.append(f"a SIGTERM did not end the process cleanly: {stopped}")

    seen_one = " → ".join(watcher.seen["one"])
    report.append(("HAProxy's view of instance one", seen_one))
    report.append(("HAProxy's view of instance two", " → ".join(watcher.seen["two"])))
    if "DOWN" not in watcher.seen["one"] or watcher.seen["one"][-1] != "UP":
        failures.append(f"HAProxy did not take instance one out and back: {seen_one}")

    metrics = http_text(deployment.ports["one"], "/metrics")
    through_lb = http_status(deployment.ports["lb"], "/metrics")
    has_figures = "solidarity_http_requests_total" in metrics and "solidarity_outbox_messages" in metrics
    report.append(("/metrics on an instance / through the load balancer", f"{'Prometheus text' if has_figures else 'missing'} / {through_lb}"))
    if not has_figures or through_lb != 404:
        failures.append("/metrics is missing on the instance or public through the load balancer")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    table = f"Deployment test at {commit or 'this commit'} ({os.cpu_count()} cores):\n\n| what | seen |\n|---|---|\n"
    table += "".join(f"| {what} | {seen} |\n" for what, seen in report)
    print("\n" + table, flush=True)
    target = os.path.join(HERE, "..", "..", "target")
    if os.path.isdir(target):
        with open(os.path.join(target, "deploy.md"), "w") as out:
            out.write(table)
    if failures:
        for failure in failures:
            print(f"FAILED: {failure}", flush=True)
        sys.exit(1)
    log("passed")


def http_text(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path)
    return conn.getresponse().read().decode()


if __name__ == "__main__":
    main()
