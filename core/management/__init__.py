"""Management commands of the shared building blocks."""
