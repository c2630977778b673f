"""The news app's manage.py commands."""
