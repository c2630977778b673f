"""Shared building blocks: each module does one job for every app, and none of them imports an app;
apps tell them what they have by registering from their AppConfig.ready()."""
