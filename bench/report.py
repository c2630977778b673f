"""Writes docs/performance.md from the benchmark's figures (placeholder until the report exists)."""


def render(meta, results):
    return "# Performance\n\n(report not written yet)\n"
