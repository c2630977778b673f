"""The shared building blocks' manage.py commands."""
