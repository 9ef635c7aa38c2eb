"""What every admin page shares: templates, the signed-in admin, CSRF, redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from core import codes
from core.store.auth import same_token
from web.admin.auth import SignedIn
from web.i18n import Words, remember, ui_language

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")  # autoescapes every .html


class NotSignedIn(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def signed_in(request: Request) -> SignedIn:
    admin = request.scope.get("frontdesk.admin_session")
    if not isinstance(admin, SignedIn):
        raise NotSignedIn(request.url.path)
    return admin


Admin = Annotated[SignedIn, Depends(signed_in)]


def words(request: Request) -> Words:
    """The admin's language: `?lang=` (remembered), the cookie, or the browser's."""
    return Words(ui_language(request))


def check_csrf(admin: SignedIn, form: Any, request: Request) -> None:
    if not same_token(admin.csrf, form.get("csrf")):
        raise HTTPException(status_code=403, detail=words(request)("admin.csrf_expired"))


def page(request: Request, name: str, admin: SignedIn | None, **context: Any) -> HTMLResponse:
    t = words(request)
    context.update(
        admin=admin,
        csrf=admin.csrf if admin else "",
        path=request.url.path,
        t=t,
        lang=t.language,
        languages=LANGUAGE_NAMES,
    )
    response = templates.TemplateResponse(request, name, context)
    remember(request, response)
    return response


LANGUAGE_NAMES = (("en", "English"), ("et", "Eesti"), ("ru", "Русский"))


def back(path: str, message: str | None = None) -> RedirectResponse:
    """After a POST, back to a page (303: the browser GETs it), with a note to show."""
    url = path if not message else f"{path}{'&' if '?' in path else '?'}note={quote(message)}"
    return RedirectResponse(url, status_code=303)


def to_sign_in(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, NotSignedIn)
    return RedirectResponse(f"/admin/login?next={quote(exc.next_path)}", status_code=303)


def _switch_to(request: Request, lang: str) -> str:
    """This page's URL with `lang` set (the other query parameters kept)."""
    url = request.url.remove_query_params("note").include_query_params(lang=lang)
    return f"{url.path}?{url.query}"


def _code(code: str | None) -> str:
    """A booking code as the visitor was given it: "482 913 5706"."""
    return " ".join(codes.groups(code)) if code else ""


templates.env.filters["code"] = _code
templates.env.globals["switch_to"] = _switch_to
