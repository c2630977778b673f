"""Load and faults: gunicorn on PostgreSQL, 50 visitors for 60 s, an editor at work, a killed worker.

    python bench/load.py                  # make load
    python bench/load.py --seconds 20     # a shorter run

It prepares its own database (federation_load on the local PostgreSQL: migrated, then filled with
10,000 articles by bench/generate.py), starts gunicorn with 4 workers and production settings
(DEBUG off, Redis cache when a local Redis answers), and then, for a fixed time:

- N visitors (threads, no pause between requests) read the home page, the news and category
  lists, tags, articles, search results, the programmes and the worker profiles;
- one editor, signed in to the admin, creates and publishes articles and edits them and older ones
  with real admin POSTs (CSRF token, edit-version check, redirects);
- halfway through, one gunicorn worker is killed with SIGKILL; the master starts another.

It prints progress every 5 seconds, then requests, errors, p50/p95/p99 latency by page kind, what
the kill cost, and checks that every edit the admin confirmed is in the database and on the public
page. Everything goes to 127.0.0.1 only, and every loop ends at its deadline. The figures are also
written to var/load/result.json.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from html import escape
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "load"
EDITOR_USERNAME = "load-editor"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# What visitors ask for, and how often (weights): reading articles dominates, as on a news site.
KINDS = {
    "home": 14,
    "news list": 14,
    "category": 8,
    "tag": 4,
    "article": 34,
    "search": 10,
    "agreements": 5,
    "agreement": 4,
    "workers": 3,
    "worker": 4,
}
SEARCHES = [
    "công đoàn", "cong doan", "Tết sum vầy", "tet sum vay", "an toàn lao động", "Đà Lạt",
    "da lat", "mái ấm công đoàn", "khen thưởng", "Bảo Lộc", "hội thao", "Đạ Huoai", "nữ công",
    "chuyển đổi số", "đối thoại", "học bổng", "tháng công nhân", "việc làm",
]  # fmt: skip


# Setting up ----------------------------------------------------------------------------------------


def server_env(args, secret_key):
    """Production settings (DEBUG off), on the load database, with media under var/load/."""
    env = dict(os.environ)
    for name in ("DJANGO_PAGE_CACHE", "REDIS_URL"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="federation.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        MEDIA_ROOT=str(OUT / "media"),
        PRIVATE_MEDIA_ROOT=str(OUT / "private"),
        PYTHONUNBUFFERED="1",
    )
    if args.redis:
        env.update(REDIS_URL=args.redis, CACHE_KEY_PREFIX="federation-load")
    if args.no_page_cache:
        env["DJANGO_PAGE_CACHE"] = "0"
    return env


def redis_answers(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_database(url):
    """Create the load database on the local PostgreSQL if it is not there yet."""
    import psycopg2

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("The load test runs on PostgreSQL: give a postgres:// URL.")
    name = parts.path.lstrip("/")
    try:
        connection = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
        )
    except psycopg2.OperationalError as exc:
        sys.exit(f"PostgreSQL does not answer at {parts.hostname}:{parts.port or 5432}: {exc}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating the database {name}…", flush=True)
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def run_step(label, command, env, timeout):
    print(f"== {label}", flush=True)
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, check=False)
    if completed.returncode != 0:
        sys.exit(f"{label}: failed (exit code {completed.returncode}).")
    print(f"   {time.monotonic() - started:.0f} s", flush=True)


def prepare(args, env):
    ensure_database(args.database_url)
    python = sys.executable
    run_step("migrate", [python, "manage.py", "migrate", "--noinput", "-v", "0"], env, 600)
    run_step(
        "collectstatic",
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env,
        600,
    )
    if not (ROOT / "bench" / "generate.py").exists():
        sys.exit("bench/generate.py is missing: it fills the database with the articles.")
    # Adds only what is missing; the editor's articles from earlier runs are ours, not foreign.
    run_step(
        f"generate {args.articles:,} articles",
        [python, "bench/generate.py", str(args.articles), "--allow-mixed"],
        env,
        3600,
    )


def setup_django(env):
    os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO", "DATABASE"))})
    for name in ("REDIS_URL", "CACHE_KEY_PREFIX", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        if name in env:
            os.environ[name] = env[name]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_editor(password):
    """The editor who works during the run; the articles of earlier runs are removed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles
    from news.models import Article

    user, _ = get_user_model().objects.get_or_create(username=EDITOR_USERNAME)
    user.first_name, user.last_name = "Biên tập", "đo tải"
    user.is_staff = user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    try:
        from axes.utils import reset

        reset(username=EDITOR_USERNAME)
    except ImportError:
        pass
    Article.objects.filter(created_by=user).delete()
    return user


class UrlPool:
    """The addresses visitors pick from, drawn from what the database holds."""

    def __init__(self, seed):
        from agreements.models import Agreement
        from federation.workers.models import ExemplaryWorker
        from news.models import Article, Category, Tag

        rng = random.Random(seed)
        published = Article.objects.published()
        slugs = list(published.values_list("slug", flat=True))
        self.articles = rng.sample(slugs, min(len(slugs), 3000))
        self.pages = max(1, min(len(slugs) // 20, 200))
        self.categories = list(Category.objects.values_list("slug", flat=True))
        self.tags = list(Tag.objects.values_list("slug", flat=True)[:300])
        self.agreements = list(Agreement.objects.public().values_list("slug", flat=True))
        self.workers = list(ExemplaryWorker.objects.published().values_list("slug", flat=True))
        self.kinds = list(KINDS)
        self.weights = list(KINDS.values())
        if not (self.articles and self.categories and self.agreements and self.workers):
            sys.exit("The load database lacks articles, categories, programmes or profiles.")

    def pick(self, rng):
        kind = rng.choices(self.kinds, self.weights)[0]
        page = rng.randint(1, self.pages)
        paths = {
            "home": lambda: "/",
            "news list": lambda: "/tin-tuc/" if page == 1 else f"/tin-tuc/?page={page}",
            "category": lambda: f"/chuyen-muc/{rng.choice(self.categories)}/",
            "tag": lambda: f"/the/{rng.choice(self.tags)}/" if self.tags else "/tin-tuc/",
            "article": lambda: f"/tin-tuc/{rng.choice(self.articles)}/",
            "search": lambda: "/tim-kiem/?" + urlencode({"q": rng.choice(SEARCHES)}),
            "agreements": lambda: "/chuong-trinh-phoi-hop/",
            "agreement": lambda: f"/chuong-trinh-phoi-hop/{rng.choice(self.agreements)}/",
            "workers": lambda: "/dien-hinh-tien-tien/",
            "worker": lambda: f"/dien-hinh-tien-tien/{rng.choice(self.workers)}/",
        }
        return kind, paths[kind]()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The server ----------------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, env, port, workers):
        self.port, self.workers = port, workers
        self.log = OUT / "gunicorn.log"
        command = [
            sys.executable, "-m", "gunicorn", "federation.wsgi:application",
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60",
            "--graceful-timeout", "10", "--log-level", "info", "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.log.write_text("")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)

    def children(self):
        """The worker processes: the master's children, read from /proc."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces and brackets: the fields start after the last ')'.
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at start; see {self.log}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200 and len(self.children()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_counts(self):
        text = self.log.read_text(errors="replace")
        return {
            "tracebacks": text.count("Traceback (most recent call last)"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),
            "workers_started": text.count("Booting worker"),
            "workers_killed": text.count("was sent SIGKILL"),
        }


# Measuring -----------------------------------------------------------------------------------------


class Recorder:
    """Every request: when it started (s from the start), its kind, latency, status, error, and
    what the page cache said (X-Page-Cache: HIT, MISS, SKIP; empty when it is off)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples = []
        self.t0 = time.monotonic()

    def add(self, started, kind, latency, status, error="", cache=""):
        with self.lock:
            self.samples.append((started - self.t0, kind, latency, status, error, cache))

    def snapshot(self):
        with self.lock:
            return list(self.samples)


def failed(sample):
    return bool(sample[4]) or sample[3] >= 500


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def summarise(samples, seconds):
    latencies = sorted(s[2] for s in samples)
    return {
        "requests": len(samples),
        "per_second": round(len(samples) / seconds, 1) if seconds else 0,
        "5xx": sum(1 for s in samples if s[3] >= 500),
        "4xx": sum(1 for s in samples if 400 <= s[3] < 500),
        "3xx": sum(1 for s in samples if 300 <= s[3] < 400),
        "connection_errors": sum(1 for s in samples if s[4]),
        "error_rate_percent": round(100 * sum(map(failed, samples)) / max(len(samples), 1), 3),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "max_ms": round(1000 * latencies[-1], 1) if latencies else 0,
        "page_cache_hits_percent": round(
            100 * sum(1 for s in samples if s[5] == "HIT") / max(len(samples), 1), 1
        ),
    }


def visitor(number, port, pool, recorder, deadline):
    rng = random.Random(number)
    connection = None
    while time.monotonic() < deadline:
        kind, path = pool.pick(rng)
        started = time.monotonic()
        status, error, cache = 0, "", ""
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"User-Agent": "federation-load"})
            response = connection.getresponse()
            response.read()
            status = response.status
            cache = response.getheader("X-Page-Cache", "")
            if response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
            if connection is not None:
                connection.close()
            connection = None
        recorder.add(started, kind, time.monotonic() - started, status, error, cache)


# The editor ----------------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields a browser would submit from one form, with their current values."""

    SKIPPED = {"submit", "button", "file", "image", "reset"}

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields, self.textarea, self.select, self.first_option = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in self.SKIPPED:
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
                self.fields.setdefault(self.select, value)
            if "selected" in attrs:
                self.fields[self.select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            # The template starts a textarea with a newline, which browsers drop.
            self.fields[self.textarea] += (
                data.lstrip("\n") if not self.fields[self.textarea] else data
            )


class KeepRedirects(HTTPRedirectHandler):
    """A POST's redirect is its answer ("saved, go there"): return it instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


class AdminSession:
    """A signed-in browser, as far as the server can tell: cookies and the CSRF token."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), KeepRedirects())

    def open(self, path, fields=None):
        """(status, where a redirect points or "", body)."""
        data = urlencode(fields).encode() if fields is not None else None
        request = Request(self.base + path, data=data, headers={"User-Agent": "federation-load"})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, "", response.read().decode()
        except HTTPError as exc:
            location = urlsplit(exc.headers.get("Location", "")).path
            return exc.code, location, exc.read().decode(errors="replace")

    def form(self, path, form_id):
        status, _, html = self.open(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        parser = FormFields(form_id)
        parser.feed(html)
        return parser.fields

    def login(self, username, password):
        fields = self.form("/quan-tri/login/", "login-form")
        fields.update(username=username, password=password, next="/quan-tri/")
        status, location, _ = self.open("/quan-tri/login/?next=/quan-tri/", fields)
        if status != 302 or location != "/quan-tri/":
            sys.exit("The editor could not sign in to the admin.")


class Editor:
    """Creates and publishes articles, edits them and older ones; remembers what it confirmed."""

    def __init__(self, port, password, category_id, older_ids, recorder):
        self.session = AdminSession(port)
        self.password, self.category_id = password, category_id
        self.older_ids, self.recorder = older_ids, recorder
        self.rng = random.Random(7)
        # article id → the lead the admin confirmed last, and later leads whose save was uncertain.
        self.confirmed, self.uncertain = {}, {}
        self.actions = {"published": 0, "edited": 0, "failed": 0}
        self.failures = []
        self.created = []

    def timed(self, kind, call):
        started = time.monotonic()
        try:
            status, url, html = call()
            error = ""
        except (OSError, URLError, http.client.HTTPException, RuntimeError) as exc:
            status, url, html, error = 0, "", "", type(exc).__name__
        self.recorder.add(started, kind, time.monotonic() - started, status, error)
        return status, url, html, error

    @staticmethod
    def is_public(article_id):
        from news.models import Article

        article = Article.objects.filter(pk=article_id).first()
        return article is not None and article.is_public

    def publish_new(self, number):
        token = secrets.token_hex(3)
        title = f"Tin đo tải {number}: công đoàn cơ sở tổ chức hội thao công nhân ({token})"
        lead = f"Bản đầu tiên của tin đo tải {number}, mã {token}."

        def call():
            fields = self.session.form("/quan-tri/news/article/add/", "article_form")
            fields.update(
                title=title,
                category=str(self.category_id),
                lead=lead,
                body=f"<p>Nội dung tin đo tải {number}: đoàn viên thi kéo co và chạy tiếp sức.</p>",
                _workflow="publish",
            )
            return self.session.open("/quan-tri/news/article/add/", fields)

        status, url, html, error = self.timed("admin: publish", call)
        match = re.fullmatch(r"/quan-tri/news/article/(\d+)/change/", url)
        # Published or refused, the admin answers with a redirect; the database tells which.
        if status == 302 and match and self.is_public(int(match.group(1))):
            article_id = int(match.group(1))
            self.confirmed[article_id] = lead
            self.created.append(article_id)
            self.actions["published"] += 1
        else:
            self.actions["failed"] += 1
            self.failures.append(f"publish {number}: {status} {error}".strip())

    def edit(self, article_id, number):
        lead = f"Bản sửa {number} lúc tải cao, mã {secrets.token_hex(3)}: thêm số liệu đoàn viên."
        path = f"/quan-tri/news/article/{article_id}/change/"

        def call():
            fields = self.session.form(path, "article_form")
            fields.update(lead=lead, _save="Lưu lại")
            return self.session.open(path, fields)

        self.uncertain.setdefault(article_id, []).append(lead)
        status, url, html, error = self.timed("admin: edit", call)
        if status == 302 and url == "/quan-tri/news/article/":
            self.confirmed[article_id] = lead
            self.uncertain[article_id] = []
            self.actions["edited"] += 1
        else:
            self.actions["failed"] += 1
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)[:2]
            self.failures.append(f"edit {article_id}: {status} {error} {errors}".strip())

    def run(self, deadline, pause):
        self.session.login(EDITOR_USERNAME, self.password)
        number = 0
        while time.monotonic() < deadline:
            number += 1
            if number % 3 == 1:
                self.publish_new(number)
            elif self.created and number % 3 == 2:
                self.edit(self.rng.choice(self.created), number)
            else:
                self.edit(self.rng.choice(self.older_ids), number)
            time.sleep(pause)


def verify_edits(editor, port):
    """Every confirmed edit is in the database and on the public page, after the run."""
    from news.models import Article

    articles = Article.objects.in_bulk(list(editor.confirmed))
    lost, not_public, checked = [], [], 0
    for article_id, lead in editor.confirmed.items():
        article = articles.get(article_id)
        # A save that failed in flight (the killed worker) may or may not have landed.
        acceptable = {lead, *editor.uncertain.get(article_id, [])}
        if article is None or article.lead not in acceptable:
            lost.append(article_id)
            continue
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", article.get_absolute_url())
        response = connection.getresponse()
        html = response.read().decode()
        connection.close()
        checked += 1
        if response.status != 200 or escape(article.lead) not in html:
            not_public.append(article_id)
    return {
        "articles_touched": len(editor.confirmed),
        "present_in_database": len(editor.confirmed) - len(lost),
        "lost": lost,
        "public_pages_checked": checked,
        "not_on_public_page": not_public,
    }


# The run -------------------------------------------------------------------------------------------


def kill_one_worker(server, at, recorder, report, seconds):
    """SIGKILL one worker at `at` seconds; note when the master has a full set of workers again."""
    if at >= seconds:
        report["skipped"] = True
        return
    time.sleep(max(0.0, at - (time.monotonic() - recorder.t0)))
    before = server.children()
    if not before:
        report["error"] = "no worker found"
        return
    victim = random.Random(1).choice(before)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic() - recorder.t0
    report.update(pid=victim, at_s=round(killed_at, 1))
    print(f"   !! t={killed_at:.1f} s: SIGKILL sent to gunicorn worker {victim}", flush=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = server.children()
        if victim not in now and len(now) == server.workers:
            back = time.monotonic() - recorder.t0
            report.update(
                replaced_after_s=round(back - killed_at, 2), new_pid=sorted(set(now) - set(before))
            )
            print(f"   !! t={back:.1f} s: the master runs {len(now)} workers again", flush=True)
            return
        time.sleep(0.05)
    report["replaced_after_s"] = None


def progress(recorder, deadline, editor):
    last = 0
    while time.monotonic() < deadline:
        time.sleep(5)
        samples = recorder.snapshot()
        now = time.monotonic() - recorder.t0
        window = [s for s in samples[last:] if not s[1].startswith("admin")]
        last = len(samples)
        latencies = sorted(s[2] for s in window)
        print(
            f"   t={now:4.0f} s  requests {len(samples):6,}  last 5 s: {len(window) / 5:6.1f}/s "
            f"p95 {1000 * percentile(latencies, 95):6.0f} ms  failed {sum(map(failed, samples))}  "
            f"editor: {editor.actions['published']} published, {editor.actions['edited']} edited",
            flush=True,
        )


def warm_up(port, pool):
    rng = random.Random(99)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(60):
        _, path = pool.pick(rng)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--kill-at", type=float, default=None, help="seconds (half the run; past the end: no kill)"
    )
    parser.add_argument("--editor-pause", type=float, default=0.2, help="seconds between actions")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/federation_load"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7", help="'' for no Redis")
    parser.add_argument("--no-page-cache", action="store_true", help="render every page")
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database as it is")
    args = parser.parse_args(argv)

    if urlsplit(args.database_url).hostname not in LOOPBACK:
        sys.exit("The load test only runs against this machine (127.0.0.1).")
    if args.redis and (
        urlsplit(args.redis).hostname not in LOOPBACK or not redis_answers(args.redis)
    ):
        print(f"No Redis at {args.redis}: running with the per-process cache.", flush=True)
        args.redis = ""
    OUT.mkdir(parents=True, exist_ok=True)
    env = server_env(args, secrets.token_urlsafe(48))
    if not args.skip_prepare:
        prepare(args, env)
    setup_django(env)
    from django.conf import settings

    from news.models import Article, Category

    password = secrets.token_urlsafe(16)
    user = ensure_editor(password)
    pool = UrlPool(seed=2026)
    articles = Article.objects.published().exclude(created_by=user).count()
    older_ids = list(
        Article.objects.published().exclude(created_by=user).values_list("pk", flat=True)[:2000]
    )
    category_id = Category.objects.values_list("pk", flat=True).first()
    page_cache = bool(getattr(settings, "PAGECACHE_ENABLED", False))

    # Other work on the machine shows in the figures: say how busy it was.
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    port = free_port()
    print(f"== gunicorn: {args.workers} workers on 127.0.0.1:{port}", flush=True)
    server = Gunicorn(env, port, args.workers)
    result = {}
    try:
        server.wait_ready()
        warm_up(port, pool)
        recorder = Recorder()
        deadline = recorder.t0 + args.seconds
        editor = Editor(port, password, category_id, older_ids, recorder)
        kill = {}
        kill_at = args.kill_at if args.kill_at is not None else args.seconds / 2
        print(
            f"== {args.visitors} visitors for {args.seconds} s, one editor, a worker killed at "
            f"t={kill_at:.0f} s ({articles:,} published articles, Redis "
            f"{'on' if args.redis else 'off'}, page cache {'on' if page_cache else 'off'})",
            flush=True,
        )
        threads = [
            threading.Thread(target=visitor, args=(n, port, pool, recorder, deadline), daemon=True)
            for n in range(args.visitors)
        ]
        threads += [
            threading.Thread(target=editor.run, args=(deadline, args.editor_pause), daemon=True),
            threading.Thread(
                target=kill_one_worker,
                args=(server, kill_at, recorder, kill, args.seconds),
                daemon=True,
            ),
        ]
        for thread in threads:
            thread.start()
        progress(recorder, deadline, editor)
        for thread in threads:
            thread.join(timeout=40)
        samples = recorder.snapshot()
        visits = [s for s in samples if not s[1].startswith("admin")]
        # Rates are per second of the run: the last requests, sent before the deadline, count.
        elapsed = args.seconds
        print("== checking the editor's work", flush=True)
        edits = verify_edits(editor, port)
        around_kill = []
        if "at_s" in kill:
            # In flight when the signal landed (the killed worker's request), or just after it.
            around_kill = [
                s
                for s in samples
                if failed(s) and s[0] <= kill["at_s"] + 1 and s[0] + s[2] >= kill["at_s"] - 0.1
            ]
        kill["failed_requests"] = len(around_kill)
        kill["failures"] = sorted({f"{s[1]}: {s[4] or s[3]}" for s in around_kill})
        result = {
            "date": time.strftime("%Y-%m-%d %H:%M %z"),
            "machine": machine(),
            "load_average_before": load_before,
            "settings": {
                "visitors": args.visitors,
                "seconds": args.seconds,
                "gunicorn_workers": args.workers,
                "published_articles": articles,
                "redis": bool(args.redis),
                "page_cache": page_cache,
                "database": "PostgreSQL " + postgres_version(),
            },
            "visitors": summarise(visits, elapsed),
            "by_kind": {
                kind: summarise([s for s in samples if s[1] == kind], elapsed)
                for kind in [*KINDS, "admin: publish", "admin: edit"]
            },
            "editor": {**editor.actions, "failures": editor.failures[:10]},
            "edits": edits,
            "kill": kill,
            "server_log": server.log_counts(),
        }
    finally:
        server.stop()
    (OUT / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print_report(result)
    ok = (
        result["visitors"]["5xx"] == 0
        and not result["edits"]["lost"]
        and not result["edits"]["not_on_public_page"]
    )
    return 0 if ok else 1


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {sys.version.split()[0]}"


def postgres_version():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def print_report(result):
    if not result:
        return
    print("\n| pages | requests | 5xx | other errors | p50 ms | p95 ms | p99 ms | cache hits |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, row in [("all visitors", result["visitors"]), *result["by_kind"].items()]:
        print(
            f"| {kind} | {row['requests']:,} | {row['5xx']} | "
            f"{row['connection_errors'] + row['4xx']} | {row['p50_ms']:.0f} | "
            f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['page_cache_hits_percent']} % |"
        )
    v, e, k = result["visitors"], result["edits"], result["kill"]
    print(
        f"\n{v['requests']:,} visitor requests ({v['per_second']}/s), error rate "
        f"{v['error_rate_percent']} %, 5xx: {v['5xx']}."
    )
    print(
        f"Editor: {result['editor']['published']} published, {result['editor']['edited']} edited, "
        f"{result['editor']['failed']} failed. Edits: {e['present_in_database']} of "
        f"{e['articles_touched']} articles as last confirmed, {len(e['lost'])} lost, "
        f"{e['public_pages_checked'] - len(e['not_on_public_page'])} public pages up to date."
    )
    if k.get("pid"):
        print(
            f"Killed worker {k['pid']} at t={k['at_s']} s; replaced after "
            f"{k.get('replaced_after_s')} s; failed requests around it: {k['failed_requests']} "
            f"{k['failures']}."
        )
    else:
        print("No worker was killed.")
    print(
        f"Failed visitor requests over the whole run: "
        f"{v['5xx'] + v['connection_errors']}. Server log: {result['server_log']}. "
        f"Load average before: {' '.join(result['load_average_before'])}. "
        f"Figures in {OUT / 'result.json'}."
    )


if __name__ == "__main__":
    sys.exit(main())
