"""Tests of the watchlist formats."""
