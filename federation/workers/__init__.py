"""The exemplary workers (điển hình tiên tiến), one self-contained unit of the federation app:
models, admin, views, URLs, filters, search, sitemap and what they register with the core."""
