"""The demo: sample content, drawn pictures and the demo accounts, loaded by `manage.py load_demo`
(make run). Tooling, not product: no product module imports it, and the production settings do not
install it (demo/settings.py does)."""
