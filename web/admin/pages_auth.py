"""Signing in and out of the admin UI."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.admin import auth
from web.admin.common import Admin, back, check_csrf, page, words
from web.deps import DbSession, RuntimeDep

router = APIRouter(prefix="/admin", include_in_schema=False)


def _safe_next(value: str | None) -> str:
    # Only a path on this site: "//evil.example" or "https://…" would be an open redirect.
    if value and value.startswith("/admin") and not value.startswith("//"):
        return value
    return "/admin/today"


def _secure(runtime: RuntimeDep) -> bool:
    return runtime.settings.public_url.startswith("https://")


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, runtime: RuntimeDep, next: str | None = None) -> Response:
    return _login_page(request, runtime, _safe_next(next))


def _login_page(
    request: Request,
    runtime: RuntimeDep,
    next_path: str,
    email: str = "",
    error: str | None = None,
    status: int = 200,
) -> Response:
    """The sign-in form, with a fresh double-submit token (there is no session yet)."""
    token = secrets.token_urlsafe(24)
    response = page(
        request, "login.html", None, login_csrf=token, next=next_path, email=email, error=error
    )
    response.status_code = status
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(runtime),
        path="/admin/login",
    )
    return response


@router.post("/login", response_model=None)
async def login(request: Request, db: DbSession, runtime: RuntimeDep) -> Response:
    form = await request.form()
    email, password = str(form.get("email", ""))[:320], str(form.get("password", ""))[:1000]
    next_path = _safe_next(str(form.get("next", "")))
    if not auth.same_token(request.cookies.get(auth.LOGIN_CSRF_COOKIE), str(form.get("csrf"))):
        expired = words(request)("admin.login.expired")
        return _login_page(request, runtime, next_path, email, expired, 403)
    client = request.client.host if request.client else "unknown"
    try:
        secret = await auth.sign_in(db, email, password, client)
        await db.commit()
    except auth.TooManyAttempts:
        message = words(request)("admin.login.too_many")
        return _login_page(request, runtime, next_path, email, message, 429)
    if secret is None:
        wrong = words(request)("admin.login.wrong")
        return _login_page(request, runtime, next_path, email, wrong, 401)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        auth.COOKIE,
        secret,
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(runtime),
        path="/",
    )
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/admin/login")
    return response


@router.post("/logout")
async def logout(request: Request, admin: Admin, db: DbSession) -> Response:
    check_csrf(admin, await request.form(), request)
    await auth.sign_out(db, admin)
    await db.commit()
    response = back("/admin/login", words(request)("admin.login.signed_out"))
    response.delete_cookie(auth.COOKIE, path="/")
    return response


@router.get("", include_in_schema=False)
async def admin_home() -> Response:
    return back("/admin/today")
