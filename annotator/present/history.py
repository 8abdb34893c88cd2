"""The history as `annotator history` prints it (store/events.py records it): one line per
event, newest first: when, who, what, before -> after."""

from __future__ import annotations

from annotator.core.store.events import Event
from annotator.errors import visible

_MAX_TEXT = 60  # characters of a sentence's text in a split or merge line


def value_text(value) -> str:
    """A before or after value in a line: label lists by name, link sides by sentence, texts cut short."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        if set(value) == {"source", "target"}:
            return f"{value_text(value['source'])} <-> {value_text(value['target'])}"
        if all(isinstance(v, dict) for v in value.values()):  # a scheme: its labels' names
            return "[" + ", ".join(visible(str(v.get("name"))) for v in value.values()) + "]"
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, str):
        text = value if len(value) <= _MAX_TEXT else value[:_MAX_TEXT - 1] + "…"
        return visible(text)
    return visible(str(value))


def _scheme_names(rows) -> str:
    rows = [] if rows is None else rows
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        return value_text(rows)  # not the scheme's rows (a damaged event): as it is
    return "[" + ", ".join(visible(str(row.get("name"))) for row in rows) + "]"


def event_line(event: Event, with_sentence: bool = True) -> str:
    when = event.at[:19].replace("T", " ")
    what = "no label applies" if event.kind == "judgement" else event.kind
    what += f" {visible(event.subject)}" if event.subject else ""
    where = f" on sentence {event.sentence_id}" if with_sentence and event.sentence_id is not None else ""
    if event.kind == "scheme":
        change = f"{_scheme_names(event.before)} -> {_scheme_names(event.after)}"
    else:
        change = f"{value_text(event.before)} -> {value_text(event.after)}"
    origin = "" if event.origin == "person" else f" ({event.origin})"
    timed = f" after {event.seconds:.1f} s" if event.seconds is not None else ""
    return f"{when}Z  {visible(event.who)}  {what}{where}: {change}{origin}{timed}"


def event_dict(event: Event) -> dict:
    return event._asdict()


def history_lines(events: list[Event], with_sentence: bool = True) -> list[str]:
    return [event_line(event, with_sentence) for event in events] or ["no events"]
