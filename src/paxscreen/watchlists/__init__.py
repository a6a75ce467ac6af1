"""Watchlists: reading list files into canonical ListEntry values and updating lists. Pure."""
