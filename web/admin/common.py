"""What every admin page shares: templates, the signed-in admin, CSRF, redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from web.admin.auth import SignedIn, same_token

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


def check_csrf(admin: SignedIn, form: Any) -> None:
    if not same_token(admin.csrf, form.get("csrf")):
        raise HTTPException(
            status_code=403,
            detail="This form has expired or did not come from this site. Reload the page.",
        )


def page(request: Request, name: str, admin: SignedIn | None, **context: Any) -> HTMLResponse:
    context.update(admin=admin, csrf=admin.csrf if admin else "", path=request.url.path)
    return templates.TemplateResponse(request, name, context)


def back(path: str, message: str | None = None) -> RedirectResponse:
    """After a POST, back to a page (303: the browser GETs it), with a note to show."""
    url = path if not message else f"{path}{'&' if '?' in path else '?'}note={quote(message)}"
    return RedirectResponse(url, status_code=303)


def to_sign_in(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, NotSignedIn)
    return RedirectResponse(f"/admin/login?next={quote(exc.next_path)}", status_code=303)


def _local(moment: Any, tz: Any, fmt: str = "%d.%m.%Y %H:%M") -> str:
    """A stored UTC moment on the office's clock."""
    return moment.astimezone(tz).strftime(fmt) if moment else "—"


templates.env.filters["local"] = _local
