"""The SMS channel: a Twilio message in, a TwiML `<Message>` out.

Thin on purpose: the conversation is the agent's (keyed by the sender's number, so the
agent finds the conversation that number is in and starts a new one after the idle time,
with the language following the country code until the visitor shows theirs). What is
SMS's own lives here: a MessageSid taken in once, the STOP/START/HELP keywords, silence
towards a number that opted out, and the reply made into one text (`compose`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from channels.sms import dedupe
from channels.sms.compose import compose
from channels.sms.keywords import Keyword, keyword
from channels.sms.optouts import is_opted_out, opt_in, opt_out
from core.agent import Agent
from core.language import country_language
from core.messages import SMS_STYLE, Final, Inbound, Language, Sentence
from core.replies import Say, sentences
from core.store import sessions
from core.store.db import SessionMaker
from core.store.models import ConversationSession
from core.text.phones import address_key

log = logging.getLogger(__name__)

MAX_BODY = 1600  # Twilio's own limit for one message
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def twiml(text: str | None) -> str:
    """The answer to Twilio: `<Message>` with `text`, or nothing. Twilio's SDK (an optional
    extra) is imported here, for a message whose signature checked out: with Twilio's
    credentials, which need the extra."""
    from twilio.twiml.messaging_response import MessagingResponse

    response = MessagingResponse()
    if text:
        response.message(text)
    return str(response)


@dataclass(frozen=True, slots=True)
class IncomingSms:
    message_sid: str
    sender: str
    body: str
    media: int = 0
    # Twilio's Advanced Opt-Out already answered STOP/START/HELP itself when it says so.
    opt_out_handled: bool = False

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> IncomingSms:
        sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
        sender = (form.get("From") or "").strip()
        if not sid or len(sid) > 64:
            raise ValueError("MessageSid: missing or too long")
        if not sender or len(sender) > 40:
            raise ValueError("From: missing or too long")
        body = _CONTROL.sub(" ", unicodedata.normalize("NFC", form.get("Body") or "")).strip()
        media = form.get("NumMedia") or "0"
        return cls(
            message_sid=sid,
            sender=address_key(sender),
            body=body[:MAX_BODY],
            media=int(media) if media.isdecimal() else 0,
            opt_out_handled=bool(form.get("OptOutType")),
        )


@dataclass
class SmsChannel:
    agent: Agent
    sessionmaker: SessionMaker
    default_language: Language = "en"
    session_idle: timedelta = timedelta(minutes=30)

    async def handle(self, sms: IncomingSms) -> str:
        """The TwiML answer to one incoming message; a repeat gets the first one's."""
        if not await dedupe.claim(self.sessionmaker, sms.message_sid):
            log.info("sms %s is a repeat; answering as before", sms.message_sid)
            return await dedupe.earlier_answer(self.sessionmaker, sms.message_sid) or twiml(None)
        try:
            answer = await self._process(sms)
        except BaseException:
            await dedupe.release(self.sessionmaker, sms.message_sid)
            raise
        await dedupe.answer(self.sessionmaker, sms.message_sid, answer)
        return answer

    async def _process(self, sms: IncomingSms) -> str:
        async with self.sessionmaker() as db, db.begin():
            opted_out = await is_opted_out(db, sms.sender)
            session = await sessions.find_active(
                db, channel="sms", session_key=sms.sender, idle=self.session_idle
            )
            language = self._language(session, sms.sender)
            found = keyword(sms.body, opted_out=opted_out)
            if found is not None:
                word, said_in = found
                language = said_in or language
                if word is Keyword.STOP:
                    await opt_out(db, sms.sender)
                    if session is not None:
                        sessions.end_session(session)
                    log.info("sms %s: the sender opted out", sms.message_sid)
                    keys = ["sms_stopped"]
                elif word is Keyword.START:
                    await opt_in(db, sms.sender)
                    log.info("sms %s: the sender opted back in", sms.message_sid)
                    keys = ["sms_resumed", "welcome"]
                else:
                    keys = [] if opted_out else ["sms_help"]
                # Twilio's Advanced Opt-Out has answered the keyword itself already.
                if sms.opt_out_handled or not keys:
                    return twiml(None)
                return self._say(keys, language)
        if opted_out:
            return twiml(None)  # a number that said STOP gets nothing until it says START
        if not sms.body:
            return self._say(["sms_text_only", "ask_host"], language)
        return twiml(await self._turn(sms))

    async def _turn(self, sms: IncomingSms) -> str:
        inbound = Inbound(
            text=sms.body, channel="sms", session_key=sms.sender, meta={"from": sms.sender}
        )
        parts: list[str] = []
        async for event in self.agent.turn(inbound, SMS_STYLE):
            match event:
                case Sentence(text=text):
                    parts.append(text)
                case Final(reply=reply):
                    log.info("sms %s answered in state %s", sms.message_sid, reply.state)
        return compose(parts)

    def _language(self, session: ConversationSession | None, sender: str) -> Language:
        if session is not None and session.language_known:
            return session.language  # type: ignore[return-value]
        return country_language(sender) or self.default_language

    def _say(self, keys: list[str], language: Language) -> str:
        return twiml(compose(sentences([Say(k) for k in keys], language, SMS_STYLE)))
