"""API keys over HTTP: admins create, list and revoke them; every change is audited."""
