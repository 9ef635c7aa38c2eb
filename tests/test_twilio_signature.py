"""Signatures computed the way Twilio documents them, checked with the twilio package."""

from __future__ import annotations

from channels.twilio.signature import is_valid, public_url, sign


def test_public_urls_follow_the_configured_base() -> None:
    base = "https://lobby.example.com/fd/"
    assert public_url(base, "/twilio/sms") == "https://lobby.example.com/fd/twilio/sms"
    assert (
        public_url(base, "/twilio/media", websocket=True)
        == "wss://lobby.example.com/fd/twilio/media"
    )
    assert public_url("http://127.0.0.1:8000", "/x", "a=1", websocket=True) == (
        "ws://127.0.0.1:8000/x?a=1"
    )


def test_valid_bad_and_missing_signatures() -> None:
    url = public_url("https://lobby.example.com", "/twilio/sms")
    params = {"From": "+3725550000", "Body": "Tere", "MessageSid": "SM1"}
    good = sign("secret", url, params)
    assert is_valid("secret", url, params, good)
    assert not is_valid("secret", url, {**params, "Body": "Tere!"}, good)
    assert not is_valid("secret", url, params, sign("other", url, params))
    assert not is_valid("secret", url, params, None)
    assert not is_valid("secret", url, params, "")
    # Without a configured token nothing can be verified, so nothing is accepted.
    assert not is_valid(None, url, params, good)
    assert not is_valid("", url, params, good)
