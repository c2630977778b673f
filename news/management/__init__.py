"""Management commands of the news app."""
