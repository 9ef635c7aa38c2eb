"""The directory in the admin UI: list and search, add, edit, deactivate, CSV import with a
preview of what will change, CSV export. Every change bumps the directory revision in the
same transaction, so every instance's resolver rebuilds its index on its next lookup."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from core.directory_csv import (
    ALL_COLUMNS,
    COLUMNS,
    DirectoryCsvError,
    DirectoryRow,
    check_row,
    parse_directory_csv,
    write_directory_csv,
)
from core.directory_problems import ProblemError
from core.store.directory import apply_import, apply_row, bump_revision, plan_import
from core.store.models import Employee
from web import id_paths  # noqa: F401 — registers the paths' {…:dbid}
from web.admin.common import Admin, back, check_csrf, page, words
from web.admin.directory_search import ORDER
from web.deps import DbSession
from web.i18n import Words

router = APIRouter(prefix="/admin/directory", include_in_schema=False)
LIST_LIMIT = 300
MAX_CSV_BYTES = 2_000_000


@router.get("", response_class=HTMLResponse)
async def directory(
    request: Request, admin: Admin, db: DbSession, q: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    if q.strip():
        people = await request.app.state.directory_search.find(db, q, LIST_LIMIT)
    else:
        first = sa.select(Employee).order_by(*ORDER).limit(LIST_LIMIT)
        people = list((await db.scalars(first)).all())
    total = await db.scalar(sa.select(sa.func.count()).select_from(Employee))
    return page(request, "directory.html", admin, people=people, q=q, total=total, limit=LIST_LIMIT)


@router.get("/new", response_class=HTMLResponse)
async def new_form(request: Request, admin: Admin) -> Response:
    return page(request, "employee.html", admin, person=None, values={"active": True})


@router.post("/new", response_model=None)
async def create(request: Request, admin: Admin, db: DbSession) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    t = words(request)
    values = _values(form)
    try:
        row = _row(values, t)
        if await db.scalar(sa.select(Employee.id).where(Employee.email == row.email)):
            raise _Refused(t("admin.directory.email_taken", email=row.email), "email")
    except ProblemError as exc:
        return _form_again(request, admin, None, values, _said(t, exc))
    except _Refused as exc:
        return _form_again(request, admin, None, values, exc)
    employee = Employee()
    _apply(employee, row, values)
    db.add(employee)
    await bump_revision(db)
    await db.commit()
    return back("/admin/directory", t("admin.directory.added", name=row.name))


@router.get("/export.csv")
async def export(admin: Admin, db: DbSession) -> Response:
    people = (await db.scalars(sa.select(Employee).order_by(Employee.name))).all()
    rows = [
        DirectoryRow(
            0,
            e.name,
            e.department,
            e.email,
            e.phone,
            e.slack_id,
            tuple(e.aliases or ()),
            e.active,
            department_et=e.department_et,
            department_ru=e.department_ru,
        )
        for e in people
    ]
    return Response(
        write_directory_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="directory.csv"'},
    )


@router.get("/import", response_class=HTMLResponse)
async def import_form(request: Request, admin: Admin) -> Response:
    return page(request, "import.html", admin, columns=",".join(COLUMNS))


@router.post("/import", response_model=None)
async def import_preview(request: Request, admin: Admin, db: DbSession) -> Response:
    """Upload → a preview of what would change; nothing is written yet."""
    async with request.form(max_part_size=MAX_CSV_BYTES) as form:  # closes the upload
        check_csrf(admin, form, request)
        upload = form.get("file")
        data = await upload.read(MAX_CSV_BYTES + 1) if isinstance(upload, UploadFile) else b""
        missing = form.get("deactivate_missing") == "on"
    columns, t = ",".join(COLUMNS), words(request)
    if not data:
        error = t("admin.import.no_file")
        return page(request, "import.html", admin, columns=columns, error=error)
    if len(data) > MAX_CSV_BYTES:
        error = t("admin.import.too_large")
        return page(request, "import.html", admin, columns=columns, error=error)
    try:
        rows = parse_directory_csv(data)
    except DirectoryCsvError as exc:
        return page(request, "import.html", admin, columns=columns, problems=exc.problems)
    plan = await plan_import(db, rows, deactivate_missing=missing)
    text = data.decode("utf-8-sig", errors="replace")
    return page(request, "import_preview.html", admin, plan=plan, csv_text=text, missing=missing)


@router.post("/import/apply", response_model=None)
async def import_apply(request: Request, admin: Admin, db: DbSession) -> Response:
    form = await request.form(max_part_size=MAX_CSV_BYTES)
    check_csrf(admin, form, request)
    try:
        rows = parse_directory_csv(str(form.get("csv", "")))
    except DirectoryCsvError as exc:
        columns = ",".join(COLUMNS)
        return page(request, "import.html", admin, columns=columns, problems=exc.problems)
    plan = await apply_import(db, rows, deactivate_missing=form.get("deactivate_missing") == "on")
    await db.commit()
    done = words(request)(
        "admin.import.done",
        added=len(plan.added),
        updated=len(plan.updated),
        deactivated=len(plan.deactivated),
        unchanged=plan.unchanged,
    )
    return back("/admin/directory", done)


@router.get("/{employee_id:dbid}", response_class=HTMLResponse)
async def edit_form(request: Request, employee_id: int, admin: Admin, db: DbSession) -> Response:
    person = await _employee(db, employee_id)
    values = {
        "name": person.name,
        "department": person.department,
        "department_et": person.department_et or "",
        "department_ru": person.department_ru or "",
        "email": person.email,
        "phone": person.phone or "",
        "slack_id": person.slack_id or "",
        "aliases": "; ".join(person.aliases or []),
        "pronunciation": person.pronunciation or "",
        "active": person.active,
    }
    return page(request, "employee.html", admin, person=person, values=values)


@router.post("/{employee_id:dbid}", response_model=None)
async def update(request: Request, employee_id: int, admin: Admin, db: DbSession) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    t = words(request)
    person = await _employee(db, employee_id)
    values = _values(form)
    try:
        row = _row(values, t)
        other = await db.scalar(
            sa.select(Employee.id).where(Employee.email == row.email, Employee.id != employee_id)
        )
        if other:
            raise _Refused(t("admin.directory.email_taken", email=row.email), "email")
    except ProblemError as exc:
        return _form_again(request, admin, person, values, _said(t, exc))
    except _Refused as exc:
        return _form_again(request, admin, person, values, exc)
    _apply(person, row, values)
    await bump_revision(db)
    await db.commit()
    return back("/admin/directory", t("admin.directory.saved", name=row.name))


@router.post("/{employee_id:dbid}/active")
async def set_active(request: Request, employee_id: int, admin: Admin, db: DbSession) -> Response:
    """Deactivate a departed employee (the receptionist then says they have left), or
    bring one back."""
    form = await request.form()
    check_csrf(admin, form, request)
    person = await _employee(db, employee_id)
    person.active = form.get("active") == "true"
    await bump_revision(db)
    await db.commit()
    key = "admin.directory.now_active" if person.active else "admin.directory.now_inactive"
    return back("/admin/directory", words(request)(key, name=person.name))


async def _employee(db: DbSession, employee_id: int) -> Employee:
    person = await db.get(Employee, employee_id)
    if person is None:
        raise HTTPException(status_code=404, detail=f"No employee {employee_id}.")
    return person


def _values(form: FormData) -> dict[str, Any]:
    fields = (*ALL_COLUMNS, "pronunciation")
    values: dict[str, Any] = {k: str(form.get(k, ""))[:1000] for k in fields}
    values["active"] = form.get("active") == "on"
    return values


def _row(values: dict[str, Any], t: Words) -> DirectoryRow:
    cells = [
        str(values["active"]).lower() if c == "active" else str(values[c]) for c in ALL_COLUMNS
    ]
    if len(values["pronunciation"]) > 200:
        raise _Refused(t("admin.directory.pronunciation_long"), "pronunciation")
    return check_row(cells)


def _apply(employee: Employee, row: DirectoryRow, values: dict[str, Any]) -> None:
    apply_row(employee, row)
    employee.pronunciation = values["pronunciation"].strip() or None


class _Refused(ValueError):
    """The form's own refusals (already in the admin's words), with the field they concern."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


# The form's fields by CSV column, as the catalogue labels them.
FIELD_LABELS = {
    "name": "admin.col.name",
    "department": "admin.directory.department",
    "department_et": "admin.employee.department_et",
    "department_ru": "admin.employee.department_ru",
    "email": "admin.col.email",
    "phone": "admin.col.phone",
    "slack_id": "admin.employee.slack_id",
    "aliases": "admin.directory.aliases",
    "active": "admin.employee.active",
}


def _said(t: Words, exc: ProblemError) -> _Refused:
    return _Refused(t.problem(exc.problem, FIELD_LABELS), exc.problem.column or "")


def _form_again(
    request: Request, admin: Admin, person: Employee | None, values: dict[str, Any], why: _Refused
) -> Response:
    response = page(
        request,
        "employee.html",
        admin,
        person=person,
        values=values,
        error=str(why),
        error_field=why.field,
    )
    response.status_code = 422
    return response
