"""One error type for bad input, so every interface can print it as one clear line."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Bad input: names the file, the field, the value given and what is allowed."""

    def __init__(self, source: str, field: str, value: Any, allowed: str, reason: str = ""):
        self.source, self.field, self.value, self.allowed, self.reason = (
            source,
            field,
            value,
            allowed,
            reason,
        )
        detail = f" ({reason})" if reason else ""
        super().__init__(f"{source}: {field} = {value!r} is not allowed; allowed: {allowed}{detail}")


def describe_allowed(error: dict[str, Any]) -> str:
    """The allowed range or values of a pydantic error entry, in words."""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if "ge" in ctx and "le" in ctx:
        return f"{ctx['ge']} to {ctx['le']}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{'>=' if kind.endswith('equal') else '>'} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{'<=' if kind.endswith('equal') else '<'} {ctx.get('le', ctx.get('lt'))}"
    if kind == "literal_error":
        return str(ctx.get("expected"))
    if kind == "extra_forbidden":
        return "a known name (see `birosim levers`)"
    return error.get("msg", "a valid value")
