"""Signatures computed the way Twilio documents them, checked with the twilio package."""

from __future__ import annotations

from channels.twilio.signature import is_valid, public_url, sign
from frontdesk.settings import Settings


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_public_urls_follow_the_configured_base() -> None:
    s = _settings(public_url="https://lobby.example.com/fd/")
    assert public_url(s, "/twilio/sms") == "https://lobby.example.com/fd/twilio/sms"
    assert (
        public_url(s, "/twilio/media", websocket=True) == "wss://lobby.example.com/fd/twilio/media"
    )
    assert public_url(
        _settings(public_url="http://127.0.0.1:8000"), "/x", "a=1", websocket=True
    ) == ("ws://127.0.0.1:8000/x?a=1")


def test_valid_bad_and_missing_signatures() -> None:
    s = _settings(public_url="https://lobby.example.com", twilio_auth_token="secret")
    url = public_url(s, "/twilio/sms")
    params = {"From": "+3725550000", "Body": "Tere", "MessageSid": "SM1"}
    good = sign("secret", url, params)
    assert is_valid(s, url, params, good)
    assert not is_valid(s, url, {**params, "Body": "Tere!"}, good)
    assert not is_valid(s, url, params, sign("other", url, params))
    assert not is_valid(s, url, params, None)
    assert not is_valid(s, url, params, "")
    # Without a configured token nothing can be verified, so nothing is accepted.
    assert not is_valid(_settings(public_url="https://lobby.example.com"), url, params, good)
