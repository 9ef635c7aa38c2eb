"""Who reads a visitor's message: the LLMs whose keys are configured, in order (Anthropic,
then OpenAI), each with its own timeout and circuit breaker, with the embedded rules behind
them; else the rules alone. The LLM SDKs are optional extras, imported only when their key
is set."""

from __future__ import annotations

import time
from collections.abc import Callable

from core.understanding import RuleBasedUnderstanding
from core.understanding.llm import LLMBackend, LLMUnderstanding
from core.understanding.types import Understanding
from frontdesk.providers import Health
from frontdesk.providers.extras import require
from frontdesk.settings import Settings


def llm_backends(settings: Settings) -> list[LLMBackend]:
    """One backend per configured key, in the order a message is tried."""
    backends: list[LLMBackend] = []
    if settings.anthropic_api_key is not None:
        require("anthropic", "ANTHROPIC_API_KEY")
        from channels.llm.anthropic import AnthropicBackend

        backends.append(
            AnthropicBackend(
                settings.anthropic_api_key.get_secret_value(),
                model=settings.anthropic_model,
                base_url=settings.anthropic_base_url,
            )
        )
    if settings.openai_api_key is not None:
        require("openai", "OPENAI_API_KEY")
        from channels.llm.openai import OpenAIBackend

        backends.append(
            OpenAIBackend(
                settings.openai_api_key.get_secret_value(),
                model=settings.openai_model,
                base_url=settings.openai_base_url,
            )
        )
    return backends


def choose_understanding(
    settings: Settings, *, clock: Callable[[], float] = time.monotonic
) -> tuple[Understanding, Health]:
    """`clock` drives the breakers' cool-downs (tests move it instead of waiting)."""
    rules = RuleBasedUnderstanding()
    backends = llm_backends(settings)
    if not backends:
        return rules, understanding_health(rules)
    chosen = LLMUnderstanding(
        backends,
        rules,
        mode=settings.llm_mode,
        timeout=settings.llm_timeout_seconds,
        failures=settings.llm_breaker_failures,
        cooldown=settings.llm_breaker_cooldown_seconds,
        clock=clock,
    )
    return chosen, understanding_health(chosen)


def understanding_health(understanding: Understanding) -> Health:
    """Also for an understanding a test passes in; an LLM chain reports its breakers as
    they are at the moment of asking."""
    if isinstance(understanding, LLMUnderstanding):
        return understanding.health()
    return {"provider": getattr(understanding, "name", type(understanding).__name__)}
