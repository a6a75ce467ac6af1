"""Screening: the name matcher (pure engine) and the pipeline that runs it on every traveller."""
