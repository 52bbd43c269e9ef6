"""A dashboard session over Streamlit's websocket, the way the browser talks to the server.

Lighter than a browser, so a test can run a dozen sessions at once on two cores and make
them act at the same moment. A :class:`Session` opens ``/_stcore/stream``, asks for a page, reads the widgets it shows, and submits a
form with values, collecting the text of what the page shows after each run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TIMEOUT = 120.0
EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class Page:
    """What one run of the script showed: widget ids by label, and the texts shown."""

    inputs: dict[str, str] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class Session:
    """One browser tab: ``async with Session(url) as s: page = await s.open("sign-in")``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.page_name = ""

    async def __aenter__(self) -> Session:
        where = urlparse(self.url)
        self._connection = websockets.connect(
            f"ws://{where.netloc}/_stcore/stream",
            subprotocols=[websockets.Subprotocol("streamlit")],
            origin=websockets.Origin(f"{where.scheme}://{where.netloc}"),
            max_size=None,
            open_timeout=30,
        )
        self.ws = await self._connection.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._connection.__aexit__(None, None, None)

    async def _run(self, widgets: list[WidgetState] | None = None) -> Page:
        message = BackMsg()
        message.rerun_script.page_name = self.page_name
        if widgets:
            message.rerun_script.widget_states.widgets.extend(widgets)
        await self.ws.send(message.SerializeToString())
        page = Page()
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=TIMEOUT)
            forward = ForwardMsg()
            forward.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            kind = forward.WhichOneof("type")
            if kind == "script_finished":
                if forward.script_finished == EARLY_FOR_RERUN:
                    page = Page()  # st.rerun(): the page the next run draws counts
                    continue
                return page
            if kind == "page_not_found":
                page.texts.append("Page not found.")
            if kind != "delta" or forward.delta.WhichOneof("type") != "new_element":
                continue
            element = forward.delta.new_element
            which = element.WhichOneof("type")
            if which == "text_input":
                page.inputs[element.text_input.label] = element.text_input.id
            elif which == "button":
                page.buttons[element.button.label] = element.button.id
            elif which == "alert":
                page.texts.append(element.alert.body)
            elif which == "markdown":
                page.texts.append(element.markdown.body)
            elif which == "heading":
                page.texts.append(element.heading.body)

    async def open(self, page_name: str) -> Page:
        self.page_name = page_name
        return await self._run()

    async def submit(self, page: Page, values: Mapping[str, str], button: str) -> Page:
        """Fill the form's text inputs (by label) and press its submit button."""
        widgets = []
        for label, value in values.items():
            state = WidgetState(id=page.inputs[label])
            state.string_value = value
            widgets.append(state)
        pressed = WidgetState(id=page.buttons[button])
        pressed.trigger_value = True
        widgets.append(pressed)
        return await self._run(widgets)


async def sessions_at_once(
    url: str,
    count: int,
    *,
    page: str,
    form: Mapping[str, str],
    submit: str,
) -> list[str]:
    """``count`` sessions open ``page``; then all submit ``form`` at the same moment.

    Returns the text each session shows after its submission."""
    async with asyncio.TaskGroup() as group:
        opened = [group.create_task(_open(url, page)) for _ in range(count)]
    sessions = [task.result() for task in opened]
    try:
        async with asyncio.TaskGroup() as group:
            answers = [
                group.create_task(s.submit(p, form, submit)) for s, p in sessions
            ]
        return [task.result().text for task in answers]
    finally:
        for session, _ in sessions:
            await session.__aexit__(None, None, None)


async def _open(url: str, page: str) -> tuple[Session, Page]:
    session = await Session(url).__aenter__()
    return session, await session.open(page)
