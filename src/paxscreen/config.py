"""Settings, read from the environment (prefix ``PAXSCREEN_``) when asked for, never at import."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from paxscreen.normalise.canonical_pnr import SensitiveCategory

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./paxscreen.db"


class IngestSettings(BaseModel):
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="413 above this size")
    multipart_timeout_seconds: int = Field(
        3600, ge=0, description="an incomplete multi-part manifest is applied as it is after this"
    )
    multipart_sweep_seconds: int = Field(60, ge=1, description="how often stale parts are checked")


class PrivacySettings(BaseModel):
    """The PNR privacy filters (docs/privacy-filter.md). The defaults follow the law: drop
    special-category data (Directive 2016/681 art. 13(4)) and general remarks beyond
    unaccompanied-minor information (CJEU C-817/19 on Annex I point 12)."""

    drop_sensitive: bool = True
    keep_general_remarks: bool = False
    extra_ssr_codes: dict[str, SensitiveCategory] = Field(
        default_factory=dict, description="more SSR codes to drop, code -> category"
    )
    extra_words: dict[str, SensitiveCategory] = Field(
        default_factory=dict, description="more free-text words to drop, word -> category"
    )


class ScreeningSettings(BaseModel):
    rescreen_window_hours: float = Field(
        72,
        ge=0,
        description="travellers on flights departing this soon are screened again "
        "when a list changes",
    )
    index_refresh_seconds: float = Field(
        1.0, gt=0, description="how often each worker looks for list changes made by others"
    )


class RetentionSettings(BaseModel):
    """How long personal data is kept (EU Directive 2016/681 art. 12; C-817/19): masked after
    ``mask_after_days``, deleted after ``delete_after_days``, counted from receipt. API data may
    have its own, shorter, periods."""

    mask_after_days: int = Field(180, ge=1, description="depersonalise PNR and API data after")
    delete_after_days: int = Field(1825, ge=1, description="delete PNR and API data after")
    api_mask_after_days: int | None = Field(None, ge=1, description="for API data, if shorter")
    api_delete_after_days: int | None = Field(None, ge=1, description="for API data, if shorter")
    batch_size: int = Field(500, ge=1, le=10_000, description="records per transaction")
    vault_key_file: str = Field(
        "./paxscreen-vault.key",
        description="key that encrypts masked values for authorised unmasking; made on first use",
    )

    def api_mask_days(self) -> int:
        return min(self.mask_after_days, self.api_mask_after_days or self.mask_after_days)

    def api_delete_days(self) -> int:
        return min(self.delete_after_days, self.api_delete_after_days or self.delete_after_days)


class AuthSettings(BaseModel):
    key_cache_seconds: float = Field(
        5.0, ge=0, description="how long a verified key is trusted before it is looked up again"
    )


class Settings(BaseSettings):
    """Every setting has a safe default so that a new user can start with no configuration.

    Nested groups are set with a double underscore: ``PAXSCREEN_INGEST__MAX_BODY_BYTES=2000000``.
    """

    model_config = SettingsConfigDict(
        env_prefix="PAXSCREEN_", env_nested_delimiter="__", extra="ignore"
    )

    database_url: str = DEFAULT_DATABASE_URL
    database_echo: bool = False
    log_level: str = "INFO"
    ingest: IngestSettings = IngestSettings()
    auth: AuthSettings = AuthSettings()
    privacy: PrivacySettings = PrivacySettings()
    screening: ScreeningSettings = ScreeningSettings()
    retention: RetentionSettings = RetentionSettings()

    @field_validator("database_url")
    @classmethod
    def _use_async_driver(cls, url: str) -> str:
        """Accept the URLs people usually have at hand and pick the async driver for them."""
        for plain, driver in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if url.startswith(plain):
                return driver + url[len(plain) :]
        if not url.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise ValueError(
                "PAXSCREEN_DATABASE_URL must be a PostgreSQL (postgresql://...) "
                "or SQLite (sqlite:///path) URL"
            )
        return url

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The database file of a SQLite URL (None for in-memory or PostgreSQL)."""
        if not self.is_sqlite:
            return None
        path = self.database_url.split(":///", 1)[1] if ":///" in self.database_url else ""
        return Path(path) if path and path != ":memory:" else None


@cache
def get_settings() -> Settings:
    return Settings()
