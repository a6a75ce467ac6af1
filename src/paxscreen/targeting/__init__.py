"""Targeting rules over HTTP (write, version, back-test) and the risk assessments they feed."""
