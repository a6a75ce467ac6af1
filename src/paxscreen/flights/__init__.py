"""Query flights and the travellers on them (analysts)."""
