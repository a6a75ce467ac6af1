"""Retention: personal data depersonalised (masked) after a first period and deleted after a
second, with recorded exceptions; what masking removes is kept only encrypted in the vault."""
