"""Risk assessment: targeting rules evaluated on every traveller, and rule and watchlist hits
combined into one explained score per traveller and flight."""
