"""The workbench as a Starlette application: each page of routes/ at its address, its JSON form
and its exports; the review's decisions; the styles and scripts, all served from here.

    app = make_app(Workbench(find()))        # csn.web.server runs it with uvicorn

Every page is rendered by a Jinja2 template with autoescape on, so names, aliases, quotes and
titles from the data are text wherever they appear; data for scripts travels as JSON in
`<script type="application/json">` blocks, never run. Writes are POST with a CSRF token
(csn.web.csrf); csn.web.security adds the content policy and checks host and token.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from csn.graph.errors import Ambiguous, CsnError, NotFound
from csn.graph.schema import SCHEMA
from csn.visualize.json_form import as_json
from csn.visualize.network_view import VIS_LIB
from csn.web import csrf
from csn.web.controls import Args, address
from csn.web.drawing import json_for_script, network_data
from csn.web.exports import EXPORTS, VIEW_CSP, exported
from csn.web.pages import Answer, Page, Redirect
from csn.web.routes import entities, lists, paths
from csn.web.security import Guard
from csn.web.workbench import Snapshot, Workbench

HERE = Path(__file__).parent
STATIC = HERE / "static"
PAGES: list[Page] = [*entities.PAGES, *paths.PAGES, *lists.PAGES]
NAVIGATION = ("Search", "Trace", "Connect", "Corridor", "Brokers", "Imports", "Review", "Claims")
DRAWN_IN_PAGE = ("Entity", "Trace", "Connect", "Corridor", "Brokers")
STATIC_FILES = {
    "workbench.css": (STATIC / "workbench.css", "text/css"),
    "workbench.js": (STATIC / "workbench.js", "text/javascript"),
    "network.js": (STATIC / "network.js", "text/javascript"),
    "vendor/vis-network.min.js": (VIS_LIB / "vis-network.min.js", "text/javascript"),
    "vendor/vis-network.css": (VIS_LIB / "vis-network.css", "text/css"),
}
MAX_FORM_BYTES = 64 * 1024
PREPARE_LIMIT = 50_000  # nodes: up to this size trace, brokers and corridors are prepared at loading


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["address"] = address
    return env


@cache
def schema_css() -> str:
    """One class a label (its colour) and a status (its line), from the schema: no inline styles."""
    lines = [f".label-{name} {{ background: {label.colour}; }}" for name, label in SCHEMA.labels.items()]
    for name, status in SCHEMA.evidence.items():
        style = (
            "solid" if status.dashes is False else "dotted" if isinstance(status.dashes, list) else "dashed"
        )
        lines.append(f".status-{name} {{ border-top-style: {style}; }}")
    return "\n".join(lines) + "\n"


def make_app(
    workbench: Workbench,
    token: str | None = None,
    hosts: Iterable[str] | None = None,
    secret: bytes | None = None,
) -> Starlette:
    """The application over `workbench`. `token`: every request must bring it (any address other
    than loopback); `hosts`: the Host headers answered (None: any); `secret`: the key of the CSRF
    tokens (random by default, so a restart invalidates old forms)."""
    key = secret or secrets.token_bytes(32)
    by_name = {p.name: p for p in PAGES}

    def render(request: Request, page: Page, args: Args, answer: Answer, status: int = 200) -> HTMLResponse:
        snapshot = workbench.snapshot
        query = [(k, v) for k, v in request.query_params.multi_items()]
        own = [(k, v) for k, v in query if k in page.params]
        base = request.url.path
        context: dict[str, Any] = {
            **answer.context,
            "page": page,
            "title": answer.title or page.name,
            "controls": args.controls,
            "statuses": list(SCHEMA.evidence),
            "kept_params": own,
            "json_url": _with_query(f"{base}.json", query),
            "exports": [(fmt, _with_query(f"{base}/export.{fmt}", query)) for fmt in EXPORTS]
            if answer.drawn
            else [],
            "navigation": [(name, address(by_name[name].path, args.controls)) for name in NAVIGATION],
            "csrf": csrf.csrf_token(key, request.state.session),
            "csrf_field": csrf.FIELD,
            "case": workbench.case,
            "store_kind": workbench.store_kind,
            "generation": snapshot.generation,
            "network": None,
        }
        if page.name in DRAWN_IN_PAGE and answer.drawn is not None:
            drawn = answer.drawn
            data = snapshot.result(
                ("network", base, tuple(query)), lambda: network_data(snapshot.store, drawn().view)
            )
            context["network"] = json_for_script(data)
            context["network_note"] = data["note"]
        html = environment().get_template(page.template).render(context)
        return HTMLResponse(html, status)

    def answer_of(page: Page, request: Request) -> tuple[Args, Answer]:
        values = {**request.query_params, **request.path_params}
        lists_ = {k: request.query_params.getlist(k) for k in request.query_params}
        args = Args(values, lists_)
        return args, page.answer(workbench.snapshot, args)

    def html_endpoint(page: Page) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            try:
                args, answer = answer_of(page, request)
            except Redirect as moved:
                return RedirectResponse(moved.target, 303)
            except CsnError as error:
                return error_page(request, page, error)
            return render(request, page, args, answer)

        return endpoint

    def json_endpoint(page: Page) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            try:
                _, answer = answer_of(page, request)
            except Redirect as moved:
                return RedirectResponse(
                    moved.target.replace("?", ".json?", 1) if "?" in moved.target else moved.target + ".json",
                    303,
                )
            except CsnError as error:
                return Response(as_json({"error": str(error)}), _status(error), media_type="application/json")
            return Response(as_json(answer.result), media_type="application/json")

        return endpoint

    def export_endpoint(page: Page) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            fmt = request.path_params["fmt"]
            if fmt not in EXPORTS:
                return PlainTextResponse(f"unknown export '{fmt}'; known: {', '.join(EXPORTS)}", 404)
            try:
                _, answer = answer_of(page, request)
            except Redirect as moved:
                target, _, rest = moved.target.partition("?")
                return RedirectResponse(f"{target}/export.{fmt}" + (f"?{rest}" if rest else ""), 303)
            except CsnError as error:
                return PlainTextResponse(str(error), _status(error))
            if answer.drawn is None:
                return PlainTextResponse("this page shows nothing to export yet", 404)
            name = page.name.lower()
            body = exported(answer.drawn(), fmt, name, workbench.snapshot.store)
            ending, media = EXPORTS[fmt]
            headers = {"content-disposition": f'attachment; filename="csn-{name}.{ending}"'}
            if fmt == "html":
                headers["content-security-policy"] = VIEW_CSP
            return Response(body, media_type=media, headers=headers)

        return endpoint

    def error_page(request: Request, page: Page, error: CsnError) -> Response:
        try:
            args = Args({k: v for k, v in request.query_params.items() if k not in ("as_of", "min_status")})
        except CsnError:
            args = Args({})
        choices = error.candidates if isinstance(error, Ambiguous) else []
        answer = Answer(None, {"error": str(error), "choices": choices}, None, "Not answered")
        error_view = Page(page.name, page.path, "error.html", page.answer, page.params)
        return render(request, error_view, args, answer, _status(error))

    async def decide(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return PlainTextResponse("form too large", 413)
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        if not csrf.check(key, request.state.session, form.get(csrf.FIELD)):
            return PlainTextResponse(
                "Refused: the form's token is missing or stale; reload the page and try again.", 403
            )
        from starlette.concurrency import run_in_threadpool

        back = form.get("back", "/review")
        back = back if back.startswith("/review") else "/review"
        try:
            done = await run_in_threadpool(
                lists.decide,
                workbench,
                form.get("a", ""),
                form.get("b", ""),
                form.get("decision", ""),
                form.get("by", ""),
                form.get("why", ""),
            )
        except CsnError as error:
            page = by_name["Review"]
            args, answer = answer_of(page, request)
            answer.context["refused"] = str(error)
            return render(request, page, args, answer, 409 if "already decided" in str(error) else 400)
        target, _, query = back.partition("?")
        kept = [(k, v) for k, v in parse_qsl(query) if k not in ("done", "by")]
        return RedirectResponse(_with_query(target, [*kept, ("done", done), ("by", form.get("by", ""))]), 303)

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "schema.css":
            return Response(schema_css(), media_type="text/css")
        if name not in STATIC_FILES:
            return PlainTextResponse("not found", 404)
        path, media = STATIC_FILES[name]
        return FileResponse(path, media_type=media, headers={"cache-control": "max-age=3600"})

    routes = [
        Route(
            "/", lambda request: RedirectResponse(_with_query("/search", request.query_params.multi_items()))
        ),
        Route("/static/{name:path}", static),
        Route("/review/decide", decide, methods=["POST"]),
    ]
    for page in PAGES:
        routes += [
            Route(f"{page.path}.json", json_endpoint(page)),
            Route(f"{page.path}/export.{{fmt}}", export_endpoint(page)),
            Route(page.path, html_endpoint(page)),
        ]
    workbench.preparers.append(prepare_pages)
    if workbench.warm:
        threading.Thread(target=prepare_pages, args=(workbench.snapshot,), daemon=True).start()
    app = Starlette(routes=routes)
    app.add_middleware(Guard, token=token, hosts=hosts)
    app.state.workbench = workbench
    return app


def prepare_pages(snapshot: Snapshot) -> None:
    """Answer the pages whose default answer walks the whole graph (trace, brokers, a report for
    each corridor, imports, review, claims) once, so that their first visit reads a kept result."""
    by_name = {p.name: p for p in PAGES}
    asked: list[tuple[Page, dict[str, str]]] = [
        (by_name[name], {}) for name in ("Imports", "Review", "Claims")
    ]
    if snapshot.store.counts()[0] <= PREPARE_LIMIT:  # beyond, they would hold the machine for minutes
        asked += [(by_name["Trace"], {}), (by_name["Brokers"], {})]
        corridors = snapshot.store.ids_with_labels(SCHEMA.labels_with_role("corridor"))
        asked += [(by_name["Corridor"], {"corridor": c}) for c in corridors]
    for page, values in asked:
        try:
            page.answer(snapshot, Args(values))
        except CsnError:  # shown when the page is asked for
            continue


def _status(error: CsnError) -> int:
    return 404 if isinstance(error, NotFound) else 400


def _with_query(path: str, pairs: list[tuple[str, str]]) -> str:
    """`path` with these query parameters."""
    return f"{path}?{urlencode(pairs)}" if pairs else path
