"""Which language a page is shown in: `?lang=` (then remembered in a cookie), else the
cookie, else the browser's `Accept-Language`, else English."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from web.i18n.catalogue import DEFAULT_LANGUAGE, LANGUAGES

COOKIE = "frontdesk_lang"
ONE_YEAR = 365 * 24 * 3600


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser likes best (`et-EE,et;q=0.9,en;q=0.8` → et)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def asked(request: Request) -> str | None:
    """A language chosen on this request with `?lang=`, if it is one we have."""
    lang = request.query_params.get("lang", "").lower()
    return lang if lang in LANGUAGES else None


def ui_language(request: Request) -> str:
    cookie = request.cookies.get(COOKIE, "")
    return (
        asked(request)
        or (cookie if cookie in LANGUAGES else None)
        or from_accept_language(request.headers.get("accept-language"))
        or DEFAULT_LANGUAGE
    )


def remember(request: Request, response: Response) -> None:
    """Keep a `?lang=` choice for the next pages (a plain preference, no personal data)."""
    if (lang := asked(request)) and request.cookies.get(COOKIE) != lang:
        response.set_cookie(COOKIE, lang, max_age=ONE_YEAR, samesite="lax", httponly=True)
