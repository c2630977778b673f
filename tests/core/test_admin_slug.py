"""The admin's slug prepopulation gives the same slug as slugify_vi."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from core.text import slugify_vi
from tests.core.test_text import TITLES

ROOT = Path(settings.BASE_DIR)
NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="cần Node.js để chạy mã JavaScript của trang quản trị")
def test_admin_slug_script_matches_slugify_vi():
    import django

    urlify = Path(django.__file__).parent / "contrib/admin/static/admin/js/urlify.js"
    titles = [title for title, _ in TITLES] + ["Hoạt động công đoàn", "Giai đoạn 2015–2020"]
    script = f"""
        globalThis.window = globalThis;
        globalThis.XRegExp = undefined;
        require({json.dumps(str(urlify))});
        require({json.dumps(str(ROOT / "static/js/admin-slug.js"))});
        const titles = {json.dumps(titles)};
        console.log(JSON.stringify(titles.map(t => window.URLify(t, 200, false))));
    """
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [slugify_vi(t, max_length=200) for t in titles]
    assert json.loads(out.stdout)[-2] == "hoat-dong-cong-doan"
