"""The watchlist matcher: normalisation, in-memory index, scoring with explanations. Pure.

Public API: `Matcher` (index.py) with ALGORITHM, VERSION and DEFAULT_THRESHOLD; the query and
result types are in model.py. Module map: text (script and folding) -> names (particles,
compounds, roles) -> tokens (token forms and similarity) -> vocabulary (blocking keys) ->
postings / store (the index's columns) -> query, candidates, scoring, evidence, results,
ranking (one search) -> index (the Matcher).
"""
