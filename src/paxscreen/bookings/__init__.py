"""Query PNR bookings, their versions and links to API travellers (analysts)."""
