"""Ingest: finding files, decoding them, the layouts and readers per format, and what a file's
name, folder and sidecar say."""
