"""HTTP and CLI ingest: record a body, parse it, apply it to flights and travellers."""
