"""The demo's manage.py commands."""
