"""The benchmark (make bench): generate, serve with gunicorn, load with wrk, write the report.

    python bench/run.py                               # 1,000 / 10,000 / 100,000 articles
    python bench/run.py --sizes 1000 --duration 3     # a quick run, a minute or two

Needs PostgreSQL and Redis on this machine (DATABASE_URL and REDIS_URL below) and wrk (Debian:
`apt-get install wrk`). Each size lives in its own schema of the federation_bench database, so
a second run reuses the rows the first one generated. For each size it migrates, generates what
is missing (bench/generate.py), counts queries and bytes (bench/probe.py), starts gunicorn (2 sync
workers, DEBUG off, Redis cache, plain HTTP) on 127.0.0.1, and loads every page with wrk, with the
page cache warm and bypassed (a cold render). At the largest size it also measures 16 connections,
a constant 20 KB ceiling view, conditional GET, freshness after an edit, page weight and memory.
It prints a table, then writes docs/performance.md and docs/performance-p95.png.
"""

import argparse
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
DOCS = ROOT / "docs"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/federation_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/5"
# The benchmark's own settings: production's, with the ceiling page and the cold-render bypass.
SETTINGS = "bench.settings"
BYPASS_HEADER = "X-Page-Cache-Bypass"
CEILING_PATH = "/bench/ceiling/"
# The bare ceiling: Django alone (no app, no middleware), same page, same gunicorn, same run.
BARE_APP = "bench.bare_wsgi:application"
BARE_SETTINGS = "bench.bare_settings"


def say(message=""):
    print(message, flush=True)


# Tools and services ------------------------------------------------------------------------------


def require_tools():
    if shutil.which("wrk") is None:
        sys.exit(
            "wrk is missing. On Debian or Ubuntu: sudo apt-get install -y wrk "
            "(make bench installs it itself when it runs as root)."
        )
    gunicorn = Path(PYTHON).with_name("gunicorn")
    if not gunicorn.exists():
        sys.exit("gunicorn is missing from the virtual environment: run make venv first.")
    return gunicorn


def require_redis(url):
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except Exception as exc:
        sys.exit(f"Redis does not answer at {url} ({exc}). Start it, or pass --redis-url.")


def prepare_database(url, schemas):
    """Create the database, pg_trgm (shared by every size) and one schema per size."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    params = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password,
    }
    try:
        admin = psycopg2.connect(dbname="postgres", **params)
    except psycopg2.OperationalError as exc:
        sys.exit(f"PostgreSQL does not answer ({exc}). Start it, or pass --database-url.")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            say(f"Creating the database {name}…")
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    connection = psycopg2.connect(dbname=name, **params)
    connection.autocommit = True
    with connection.cursor() as cursor:
        # pg_trgm in a schema of its own, on every size's search path; "public" stays off it, so
        # that tables left there by another use of this database cannot mix in.
        cursor.execute("CREATE SCHEMA IF NOT EXISTS extensions")
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
            "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute("CREATE EXTENSION pg_trgm SCHEMA extensions")
        elif row[0] != "extensions":
            cursor.execute("ALTER EXTENSION pg_trgm SET SCHEMA extensions")
        for schema in schemas:
            cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    connection.close()


def schema_url(url, schema):
    options = quote(f"-c search_path={schema},extensions")
    return f"{url}{'&' if '?' in url else '?'}options={options}"


def machine():
    def run(*cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": run("nproc"),
        "cpu": cpu or platform.processor(),
        "memory": run("free", "-h"),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": run("psql", "--version"),
        "wrk": (run("wrk", "--version") or "wrk").splitlines()[0].split(" [")[0],
    }


def load_average():
    try:
        return Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return ["?", "?", "?"]


# Subprocesses ------------------------------------------------------------------------------------


def run_step(label, cmd, env, stream=True):
    say(f"· {label}")
    started = time.monotonic()
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        if stream:
            print("    " + line.rstrip(), flush=True)
    if process.wait() != 0:
        sys.exit(f"{label} failed:\n{''.join(lines[-30:])}")
    say(f"  ({time.monotonic() - started:.0f} s)")
    return "".join(lines)


class Server:
    """gunicorn, as the benchmark's own child process; stopped by its pid, never by name."""

    def __init__(self, gunicorn, env, port, workers, app="federation.wsgi:application"):
        settings = BARE_SETTINGS if app == BARE_APP else SETTINGS
        self.cmd = [
            str(gunicorn),
            app,
            "--env",
            f"DJANGO_SETTINGS_MODULE={settings}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ]
        self.env, self.port, self.process = env, port, None
        self.base = f"http://127.0.0.1:{port}"
        self.max_rss = {}
        self._sampling = False

    def __enter__(self):
        self.process = subprocess.Popen(self.cmd, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if self.process.poll() is not None:
                sys.exit("gunicorn stopped while starting: see the lines above.")
            time.sleep(0.3)
        else:
            self.stop()
            sys.exit("gunicorn did not answer /healthz within 60 s.")
        self._sampling = True
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self._sampling = False
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def workers(self):
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(c) for c in children]

    def _sample(self):
        while self._sampling:
            for pid in self.workers():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            kb = int(line.split()[1])
                            self.max_rss[pid] = max(self.max_rss.get(pid, 0), kb)
                except OSError:
                    pass
            time.sleep(0.5)

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()


def wrk(base, path, connections, duration, headers=()):
    threads = min(connections, 2)
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s"]
    cmd += ["--timeout", "10s", "-s", str(BENCH / "wrk_report.lua")]
    for header in headers:
        cmd += ["-H", header]
    cmd.append(base + path)
    output = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    match = re.search(r"^JSON (.*)$", output, re.MULTILINE)
    if not match:
        sys.exit(f"wrk printed no summary for {path}:\n{output}")
    data = json.loads(match.group(1))
    seconds = data["duration_us"] / 1e6
    return {
        "rps": round(data["requests"] / seconds, 1) if seconds else 0,
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "requests": data["requests"],
        "errors": data["socket_errors"] + data["non_2xx"],
    }


# One size ----------------------------------------------------------------------------------------


def measure_size(size, args, gunicorn, base_env, largest):
    schema = f"bench_{size}"
    env = {
        **base_env,
        "DATABASE_URL": schema_url(args.database_url, schema),
        "CACHE_KEY_PREFIX": f"bench{size}",
    }
    say(f"\n=== {size:,} articles (schema {schema}) ===")
    run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run_step(f"generate {size:,} articles", [PYTHON, "bench/generate.py", str(size)], env)
    probe_file = VAR / f"probe-{size}.json"
    run_step("count queries and bytes", [PYTHON, "bench/probe.py", str(probe_file)], env, False)
    probe = json.loads(probe_file.read_text(encoding="utf-8"))
    profile = None
    if size == largest:
        profile_file = VAR / f"profile-{size}.json"
        run_step(
            "profile cold renders (bench/profile.py)",
            [PYTHON, "bench/profile.py", "--repeat", "10", "--json", str(profile_file)],
            env,
            False,
        )
        profile = json.loads(profile_file.read_text(encoding="utf-8"))
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    result = {"size": size, "probe": probe, "runs": {}, "checks": {}, "profile": profile}
    with Server(gunicorn, env, args.port, args.workers) as server:
        for page in probe["pages"]:
            status, headers, _ = server.get(page["url"])
            status, headers, _ = server.get(page["url"])
            page["warm_header"] = headers.get("X-Page-Cache", "")
            if status != 200:
                sys.exit(f"{page['url']} answered {status} under gunicorn.")
        plan = [("cold", 1)]
        if size == largest:
            plan = [("cold", 1), ("warm", 1), ("cold", 16), ("warm", 16)]
        runs = [(mode, c, page) for mode, c in plan for page in probe["pages"]]
        if size == largest:
            ceiling = {"key": "ceiling", "url": CEILING_PATH, "label": "Trần (20 KB)"}
            runs += [("cold", 1, ceiling), ("cold", 16, ceiling)]
        duration = args.duration if size == largest else args.small_duration
        bypass = [f"{BYPASS_HEADER}: {base_env['BENCH_PAGE_CACHE_BYPASS_TOKEN']}"]
        for n, (mode, connections, page) in enumerate(runs, 1):
            label = f"{mode} c{connections} {page['url']}"
            say(f"  [{n}/{len(runs)}] {label} ({duration} s)…")
            figures = wrk(
                server.base, page["url"], connections, duration, bypass if mode == "cold" else ()
            )
            result["runs"][f"{page['key']}|{mode}|{connections}"] = figures
            say(
                f"        {figures['rps']:>8} req/s  p50 {figures['p50_ms']} ms  "
                f"p95 {figures['p95_ms']} ms  p99 {figures['p99_ms']} ms"
                + (f"  ERRORS {figures['errors']}" if figures["errors"] else "")
            )
        if size == largest:
            result["checks"] = checks(server, probe, env)
        result["max_rss_mb"] = round(max(server.max_rss.values(), default=0) / 1024, 1)
    if size == largest:
        # After the site's server stopped, so that the two never share the CPU.
        with Server(gunicorn, env, args.port + 1, args.workers, app=BARE_APP) as bare:
            for connections in (1, 16):
                say(f"  bare ceiling c{connections} {CEILING_PATH} ({duration} s)…")
                figures = wrk(bare.base, CEILING_PATH, connections, duration)
                result["runs"][f"bare|cold|{connections}"] = figures
                say(f"        {figures['rps']:>8} req/s  p95 {figures['p95_ms']} ms")
    say(f"  largest gunicorn worker: {result['max_rss_mb']} MB resident")
    return result


# Checks at the largest size ----------------------------------------------------------------------


def checks(server, probe, env):
    pages = {p["key"]: p for p in probe["pages"]}
    found = {}
    # Conditional GET: the ETag of a cached page, sent back, gives a 304 with no body.
    conditional = {}
    for key in ("article", "list", "home"):
        url = pages[key]["url"]
        _, headers, _ = server.get(url)
        etag = headers.get("ETag")
        status, headers2, body = server.get(url, {"If-None-Match": etag} if etag else {})
        conditional[key] = {
            "etag": etag,
            "last_modified": headers.get("Last-Modified"),
            "status_with_if_none_match": status,
            "body_bytes": len(body),
        }
    found["conditional"] = conditional
    found["freshness"] = freshness(server, pages, env)
    found["weight"] = page_weight(server, pages["article"]["url"])
    return found


def freshness(server, pages, env):
    """Edit an article's title (a real save, in another process, as the admin would) and read the
    pages that show it straight away, from the warm cache."""
    article_url = pages["article"]["url"]
    slug = article_url.rstrip("/").rsplit("/", 1)[-1]
    watched = [article_url, pages["list"]["url"], pages["home"]["url"]]
    for url in watched:
        server.get(url)
    marker = f"Tin sửa lúc {secrets.token_hex(3)}"
    out = subprocess.run(
        [PYTHON, "bench/probe.py", "--retitle", slug, marker],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    saved = json.loads(out)
    started = time.time()
    seen = {}
    for url in watched:
        _, headers, body = server.get(url)
        seen[url] = {"shows_edit": marker in body.decode(), "cache": headers.get("X-Page-Cache")}
    elapsed = time.time() - started
    subprocess.run(
        [PYTHON, "bench/probe.py", "--retitle", slug, saved["old_title"]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    return {
        "pages": seen,
        "all_fresh": all(v["shows_edit"] for v in seen.values()),
        "seconds_after_save": round(elapsed, 3),
    }


def page_weight(server, url):
    """The article page's HTML (gzip -6, as nginx would) plus its CSS and JS, as served."""
    _, headers, body = server.get(url)
    html = body.decode()
    html_gzip = len(gzip.compress(body, compresslevel=6))
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(r'<script src="([^"]+)"', html)
    files = []
    for asset in dict.fromkeys(assets):
        status, asset_headers, data = server.get(asset, {"Accept-Encoding": "gzip"})
        files.append(
            {
                "url": asset,
                "status": status,
                "bytes_sent": len(data),
                "encoding": asset_headers.get("Content-Encoding", ""),
                "cache_control": asset_headers.get("Cache-Control", ""),
            }
        )
    images = []
    for srcset, sizes in re.findall(r'<img[^>]*srcset="([^"]+)"[^>]*sizes="([^"]+)"', html):
        widths = [int(w) for w in re.findall(r"\s(\d+)w", srcset)]
        images.append({"widths": widths, "sizes": sizes})
    total = html_gzip + sum(f["bytes_sent"] for f in files)
    return {
        "html_bytes": len(body),
        "html_gzip_bytes": html_gzip,
        "assets": files,
        "total_compressed_bytes": total,
        "images": images,
    }


# Report ------------------------------------------------------------------------------------------


def table(results):
    largest = results[-1]
    runs = largest["runs"]
    # The definition: ratios against the bare Django app, not the site's own ceiling view.
    ceiling16 = (
        runs.get("bare|cold|16", {}).get("rps") or runs.get("ceiling|cold|16", {}).get("rps") or 0
    )
    lines = []
    header = (
        f"{'page':<26}{'q':>3}{'KB':>6} | {'cold c1 r/s':>11}{'p50':>7}{'p95':>7}{'p99':>7} | "
        f"{'cold c16':>9}{'p95':>7} | {'warm c16':>9}{'p95':>7} | {'cold/ceil':>9}{'warm/ceil':>10}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    extra = [
        {"key": "ceiling", "label": "Trần (20 KB)"},
        {"key": "bare", "label": "Trần Django trần"},
    ]
    for page in largest["probe"]["pages"] + extra:
        key = page["key"]
        c1 = runs.get(f"{key}|cold|1", {})
        c16 = runs.get(f"{key}|cold|16", {})
        w16 = runs.get(f"{key}|warm|16", {})

        def ratio(figures):
            return f"{figures['rps'] / ceiling16:.0%}" if figures and ceiling16 else "–"

        lines.append(
            f"{page['label'][:25]:<26}{page.get('queries', '–')!s:>3}"
            f"{(page.get('bytes', 0) / 1024):>6.1f} | "
            f"{c1.get('rps', '–')!s:>11}{c1.get('p50_ms', '–')!s:>7}{c1.get('p95_ms', '–')!s:>7}"
            f"{c1.get('p99_ms', '–')!s:>7} | {c16.get('rps', '–')!s:>9}{c16.get('p95_ms', '–')!s:>7}"
            f" | {w16.get('rps', '–')!s:>9}{w16.get('p95_ms', '–')!s:>7} | "
            f"{ratio(c16):>9}{ratio(w16):>10}"
        )
    return "\n".join(lines)


def chart(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in results]
    pages = results[-1]["probe"]["pages"]
    figure, axis = plt.subplots(figsize=(10, 6), dpi=110)
    colours = plt.cm.tab20.colors
    markers = "osD^v<>ph*XP"
    for n, page in enumerate(pages):
        points = [
            (r["size"], r["runs"].get(f"{page['key']}|cold|1", {}).get("p95_ms")) for r in results
        ]
        points = [(s, v) for s, v in points if v is not None]
        if points:
            name = "Tin tức, trang sâu (≤ 500)" if page["key"] == "deep" else page["label"]
            axis.plot(
                *zip(*points, strict=True),
                marker=markers[n % len(markers)],
                color=colours[(2 * n) % 20 if n < 10 else (2 * n + 1) % 20],
                label=name,
            )
    axis.set_xscale("log")
    axis.set_xticks(sizes, [f"{s:,}".replace(",", ".") for s in sizes])
    axis.set_xlabel("Số bài viết trong CSDL")
    axis.set_ylabel("p95 (ms), 1 kết nối, không qua bộ đệm trang")
    axis.set_title("Độ trễ p95 theo trang khi dữ liệu tăng (gunicorn 2 worker, PostgreSQL)")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8, ncol=2)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="articles, comma-separated")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (largest)")
    parser.add_argument(
        "--small-duration", type=int, default=5, help="seconds per wrk run (smaller sizes)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument(
        "--no-report", action="store_true", help="print the table only; leave docs/ alone"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite docs/ from the last run's figures (var/bench/results.json), measure nothing",
    )
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads((VAR / "results.json").read_text(encoding="utf-8"))
        write_report(saved["meta"], saved["results"])
        return
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    started = time.monotonic()
    gunicorn = require_tools()
    require_redis(args.redis_url)
    prepare_database(args.database_url, [f"bench_{s}" for s in sizes])
    VAR.mkdir(parents=True, exist_ok=True)
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_PAGE_CACHE": "1",
        "REDIS_URL": args.redis_url,
        "MEDIA_ROOT": str(VAR / "media"),
        "PRIVATE_MEDIA_ROOT": str(VAR / "private"),
        "BENCH_PAGE_CACHE_BYPASS_TOKEN": secrets.token_urlsafe(24),
    }
    load_before = load_average()
    run_step(
        "collectstatic (WhiteNoise: hashed, compressed files)",
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        {**base_env, "DATABASE_URL": schema_url(args.database_url, f"bench_{sizes[0]}")},
    )
    results = [measure_size(size, args, gunicorn, base_env, sizes[-1]) for size in sizes]
    load_after = load_average()
    meta = {
        "date": datetime.now().astimezone().isoformat(timespec="minutes"),
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_after,
        "duration": args.duration,
        "small_duration": args.small_duration,
        "workers": args.workers,
        "minutes": round((time.monotonic() - started) / 60, 1),
        # make load's last result, for the hit rates under load (bench/load.py writes it).
        "load": read_load_result(),
    }
    (VAR / "results.json").write_text(
        json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1, default=str),
        encoding="utf-8",
    )
    say("\n" + table(results))
    if not args.no_report:
        write_report(meta, results)
    say(f"Done in {meta['minutes']} min.")


def read_load_result():
    path = ROOT / "var" / "load" / "result.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_report(meta, results):
    from bench import report

    DOCS.mkdir(exist_ok=True)
    chart(results, DOCS / "performance-p95.png")
    (DOCS / "performance.md").write_text(report.render(meta, results), encoding="utf-8")
    say("\nWrote docs/performance.md and docs/performance-p95.png.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
