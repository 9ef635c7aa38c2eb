"""Who reads a visitor's message: an LLM whose key is configured (Anthropic first), with the
embedded rules behind it, else the rules alone. The LLM SDKs are optional extras, imported
only when their key is set."""

from __future__ import annotations

from core.understanding import RuleBasedUnderstanding
from core.understanding.llm import LLMBackend, LLMUnderstanding
from core.understanding.types import Understanding
from frontdesk.providers import Health
from frontdesk.providers.extras import require
from frontdesk.settings import Settings


def choose_understanding(settings: Settings) -> tuple[Understanding, Health]:
    rules = RuleBasedUnderstanding()
    backend: LLMBackend
    if settings.anthropic_api_key is not None:
        require("anthropic", "ANTHROPIC_API_KEY")
        from channels.llm.anthropic import AnthropicBackend

        backend = AnthropicBackend(
            settings.anthropic_api_key.get_secret_value(),
            model=settings.anthropic_model,
            base_url=settings.anthropic_base_url,
        )
    elif settings.openai_api_key is not None:
        require("openai", "OPENAI_API_KEY")
        from channels.llm.openai import OpenAIBackend

        backend = OpenAIBackend(
            settings.openai_api_key.get_secret_value(),
            model=settings.openai_model,
            base_url=settings.openai_base_url,
        )
    else:
        return rules, understanding_health(rules)
    chosen = LLMUnderstanding(
        backend, rules, mode=settings.llm_mode, timeout=settings.llm_timeout_seconds
    )
    return chosen, understanding_health(chosen)


def understanding_health(understanding: Understanding) -> Health:
    """Also for an understanding a test passes in."""
    return {"provider": getattr(understanding, "name", type(understanding).__name__)}
