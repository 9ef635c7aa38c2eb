"""One settings object, read from the environment (and a `.env` file if present).

Provider credentials are optional: a provider whose credentials are absent falls back to
its embedded default, and `/health` says which one is in use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from core.store.office import OfficeSettings
from knowledge import DEFAULT_DIR as DEFAULT_KNOWLEDGE_DIR
from knowledge import opening_hours_text

DEFAULT_SQLITE_FILE = "frontdesk.db"


def normalize_database_url(url: str) -> str:
    """Accept the URLs people paste and pick the async driver we ship with."""
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://") or url.startswith("postgresql+psycopg2://"):
        url = "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        url = "sqlite+aiosqlite://" + url.removeprefix("sqlite://")
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    environment: Literal["development", "production", "test"] = Field(
        "development", alias="FRONTDESK_ENV"
    )
    database_url: str = Field(f"sqlite+aiosqlite:///./{DEFAULT_SQLITE_FILE}", alias="DATABASE_URL")
    public_url: str = Field("http://127.0.0.1:8000", alias="FRONTDESK_PUBLIC_URL")
    host: str = Field("127.0.0.1", alias="FRONTDESK_HOST")
    port: int = Field(8000, alias="FRONTDESK_PORT")
    default_language: Literal["en", "et", "ru"] = Field("en", alias="FRONTDESK_LANGUAGE")
    data_dir: Path = Field(Path("var"), alias="FRONTDESK_DATA_DIR")
    front_desk_name: str = Field("the front desk", alias="FRONTDESK_FRONT_DESK_NAME")
    session_idle_minutes: int = Field(30, alias="FRONTDESK_SESSION_IDLE_MINUTES", ge=1)
    outbox_poll_seconds: float = Field(1.0, alias="FRONTDESK_OUTBOX_POLL_SECONDS", gt=0)
    run_workers: bool = Field(True, alias="FRONTDESK_RUN_WORKERS")
    # `serve`'s worker processes sharing the port (frontdesk/serving.py); unset: one per CPU.
    workers: int | None = Field(None, alias="FRONTDESK_WORKERS", ge=1)
    # Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For
    # names the client; default none: the peer address is the client (web/client_address.py).
    trusted_proxies: str = Field("", alias="FRONTDESK_TRUSTED_PROXIES")
    # The largest request body any route reads (web/request_limits.py); larger: 413.
    max_body_bytes: int = Field(65536, alias="FRONTDESK_MAX_BODY_BYTES", ge=1024)
    # Defaults for the office settings an admin can change at run time (core/store/office.py).
    retention_days: int = Field(30, alias="FRONTDESK_RETENTION_DAYS", ge=1)
    retention_interval_minutes: float = Field(
        60, alias="FRONTDESK_RETENTION_INTERVAL_MINUTES", gt=0
    )
    front_desk_phone: str | None = Field(None, alias="FRONTDESK_FRONT_DESK_PHONE")
    escalation_minutes: float = Field(2.0, alias="FRONTDESK_ESCALATION_MINUTES", gt=0)
    timezone: str = Field("Europe/Tallinn", alias="FRONTDESK_TIMEZONE")
    staff_language: Literal["en", "et", "ru"] = Field("en", alias="FRONTDESK_STAFF_LANGUAGE")
    knowledge_dir: Path | None = Field(None, alias="FRONTDESK_KNOWLEDGE_DIR")
    # Swagger UI at /docs, served from the `docs` extra (no CDN); off: /openapi.json only.
    api_docs: bool = Field(False, alias="FRONTDESK_API_DOCS")
    # Sites allowed to embed the chat widget (`/widget.js`): they may frame the chat page and
    # call the chat API across origins. Comma-separated origins, `https://example.com`.
    widget_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (), alias="FRONTDESK_WIDGET_ORIGINS"
    )
    # /metrics (Prometheus) answers only with this bearer token; unset: /metrics is 404.
    metrics_token: SecretStr | None = Field(None, alias="FRONTDESK_METRICS_TOKEN")
    # Logs: "text" for people, "json" for a log pipeline (one object per line, ids only).
    log_format: Literal["text", "json"] = Field("text", alias="FRONTDESK_LOG_FORMAT")
    # Notifications: one attempt's time limit, and how long a worker holds a claimed row
    # (longer than the time limit, or a slow attempt could be taken over and sent twice).
    notify_timeout_seconds: float = Field(10.0, alias="FRONTDESK_NOTIFY_TIMEOUT_SECONDS", gt=0)
    outbox_lease_seconds: float = Field(60.0, alias="FRONTDESK_OUTBOX_LEASE_SECONDS", gt=0)
    outbox_retry_seconds: float = Field(2.0, alias="FRONTDESK_OUTBOX_RETRY_SECONDS", gt=0)
    # Badges: the CUPS printer (unset: badges are saved under FRONTDESK_DATA_DIR/badges and
    # shown by the admin API), the label, a font file, the `lp` command.
    badge_printer: str | None = Field(None, alias="FRONTDESK_BADGE_PRINTER")
    badge_size: Literal["62x100mm", "4x3in"] = Field("62x100mm", alias="FRONTDESK_BADGE_SIZE")
    badge_font: Path | None = Field(None, alias="FRONTDESK_BADGE_FONT")
    lp_command: str = Field("lp", alias="FRONTDESK_LP_COMMAND")

    # Provider credentials: absent means "use the embedded default".
    anthropic_api_key: SecretStr | None = Field(None, alias="ANTHROPIC_API_KEY")
    openai_api_key: SecretStr | None = Field(None, alias="OPENAI_API_KEY")
    anthropic_base_url: str | None = Field(None, alias="ANTHROPIC_BASE_URL")
    openai_base_url: str | None = Field(None, alias="OPENAI_BASE_URL")
    anthropic_model: str = Field("claude-haiku-4-5", alias="FRONTDESK_ANTHROPIC_MODEL")
    openai_model: str = Field("gpt-4.1-mini", alias="FRONTDESK_OPENAI_MODEL")
    llm_mode: Literal["fallback", "primary"] = Field("fallback", alias="FRONTDESK_LLM_MODE")
    # Per model: with both keys a message may wait for Anthropic's timeout, then OpenAI's.
    llm_timeout_seconds: float = Field(4.0, alias="FRONTDESK_LLM_TIMEOUT_SECONDS", gt=0)
    # A model that fails this many times in a row is skipped for the cool-down, then tried
    # once again (a success puts it back in use).
    llm_breaker_failures: int = Field(3, alias="FRONTDESK_LLM_BREAKER_FAILURES", ge=1)
    llm_breaker_cooldown_seconds: float = Field(
        60.0, alias="FRONTDESK_LLM_BREAKER_COOLDOWN_SECONDS", gt=0
    )
    twilio_account_sid: str | None = Field(None, alias="TWILIO_ACCOUNT_SID")
    twilio_auth_token: SecretStr | None = Field(None, alias="TWILIO_AUTH_TOKEN")
    twilio_phone_number: str | None = Field(None, alias="TWILIO_PHONE_NUMBER")
    # Only for a local stand-in of Twilio's REST API (tests, the call simulator).
    twilio_api_base_url: str | None = Field(None, alias="TWILIO_API_BASE_URL")
    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    # Where messages for the front desk go in Slack (a channel ID or #name); unset: by SMS
    # to the front desk's phone, or the console.
    slack_front_desk_channel: str | None = Field(None, alias="SLACK_FRONT_DESK_CHANNEL")
    # Only for a local stand-in of Slack's Web API (tests).
    slack_api_base_url: str | None = Field(None, alias="SLACK_API_BASE_URL")
    deepgram_api_key: SecretStr | None = Field(None, alias="DEEPGRAM_API_KEY")
    elevenlabs_api_key: SecretStr | None = Field(None, alias="ELEVENLABS_API_KEY")

    # --- voice -------------------------------------------------------------------------
    # Which recogniser / synthesiser: "auto" takes the cloud one whose key is set, else
    # the local one (faster-whisper; espeak-ng, with Piper for English where installed).
    stt_provider: Literal["auto", "deepgram", "whisper"] = Field("auto", alias="FRONTDESK_STT")
    tts_provider: Literal["auto", "elevenlabs", "azure", "local"] = Field(
        "auto", alias="FRONTDESK_TTS"
    )
    deepgram_model: str = Field("nova-3", alias="DEEPGRAM_MODEL")
    deepgram_base_url: str | None = Field(None, alias="DEEPGRAM_BASE_URL")  # stand-ins only
    elevenlabs_voice_id: str = Field("21m00Tcm4TlvDq8ikWAM", alias="ELEVENLABS_VOICE_ID")
    elevenlabs_model: str = Field("eleven_flash_v2_5", alias="ELEVENLABS_MODEL")
    elevenlabs_base_url: str | None = Field(None, alias="ELEVENLABS_BASE_URL")  # stand-ins
    azure_speech_key: SecretStr | None = Field(None, alias="AZURE_SPEECH_KEY")
    azure_speech_region: str = Field("westeurope", alias="AZURE_SPEECH_REGION")
    azure_speech_base_url: str | None = Field(None, alias="AZURE_SPEECH_BASE_URL")  # stand-ins
    # Where the local models are unpacked (the multilingual Whisper model is shipped in
    # two parts and joined here once); default: FRONTDESK_DATA_DIR/models.
    models_dir: Path | None = Field(None, alias="FRONTDESK_MODELS_DIR")
    # Calls are not recorded unless this is on; then the caller is told first.
    record_calls: bool = Field(False, alias="FRONTDESK_RECORD_CALLS")
    # Seconds of caller silence before a reprompt (a second one ends or transfers the call).
    voice_silence_seconds: float = Field(8.0, alias="FRONTDESK_VOICE_SILENCE_SECONDS", gt=0)
    # A Media Stream must carry its call's token (from our TwiML) besides Twilio's handshake
    # signature. Off only for load generators that open streams without placing a call.
    voice_stream_token: bool = Field(True, alias="FRONTDESK_VOICE_STREAM_TOKEN")

    @field_validator("database_url")
    @classmethod
    def _normalize_url(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator(
        "anthropic_api_key",
        "openai_api_key",
        "twilio_auth_token",
        "slack_bot_token",
        "slack_signing_secret",
        "deepgram_api_key",
        "elevenlabs_api_key",
        "azure_speech_key",
        "metrics_token",
        mode="before",
    )
    @classmethod
    def _blank_is_absent(cls, value: object) -> object:
        # `FOO=` in a .env file means "not configured", not "an empty key".
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _lease_outlasts_attempt(self) -> Settings:
        if self.outbox_lease_seconds <= self.notify_timeout_seconds:
            raise ValueError(
                "FRONTDESK_OUTBOX_LEASE_SECONDS must be longer than "
                "FRONTDESK_NOTIFY_TIMEOUT_SECONDS, or a slow delivery could be sent twice"
            )
        return self

    @property
    def slack_configured(self) -> bool:
        return self.slack_bot_token is not None and self.slack_signing_secret is not None

    @property
    def twilio_configured(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        from ipaddress import ip_network

        for part in (v.strip() for v in value.split(",")):
            try:
                if part:
                    ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"{part!r} is not an IP address or network") from None
        return value

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [v.strip() for v in self.trusted_proxies.split(",") if v.strip()]

    @field_validator("widget_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)):
            return value
        return tuple(_origin(str(item)) for item in items if str(item).strip())

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use a name like Europe/Tallinn)"
            ) from None
        return value

    def office_defaults(self) -> OfficeSettings:
        return OfficeSettings(
            retention_days=self.retention_days,
            front_desk_phone=self.front_desk_phone,
            escalation_minutes=self.escalation_minutes,
            timezone=self.timezone,
            opening_hours=opening_hours_text(self.knowledge_dir or DEFAULT_KNOWLEDGE_DIR),
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _origin(text: str) -> str:
    """`https://example.com[:port]`, as a browser sends it in `Origin` (no path, no slash)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path not in {"", "/"}:
        raise ValueError(
            f"{text.strip()!r} is not an origin: write the scheme and host, like https://example.com"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{text.strip()!r} is not an origin: only scheme, host and port")
    return f"{parts.scheme}://{parts.netloc.lower()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
