"""Figure data as the browser's chart component receives it: plain JSON with every array sent once.

`pack` walks a figure's dicts and lists and moves each NumPy array into a table
of float32 arrays in base64 (plotly's own typed-array form), keyed by a hash of
its bytes, leaving ``{"$ref": key}`` in its place. An array used twice (a panel's
line and the animation that moves a marker along it) is therefore sent once.
Non-finite floats outside arrays become ``null``: JSON has no NaN.

The component's whole data travels as one JSON document in UTF-8 bytes (`encode`, `document`):
Streamlit forwards bytes as they are, where a dict would be encoded twice on every rerun (once to
send, once sorted to name the element) and its every member tested for a data frame. A figure
encoded once is spliced into each rerun's document as it is (`document`); `payload` reads an
element's data back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from typing import Any

import numpy as np

REF = "$ref"


def pack(tree: Any) -> dict[str, Any]:
    """``{"tree": tree with arrays replaced by refs, "arrays": {key: {"dtype", "shape", "bdata"}}}``."""
    arrays: dict[str, dict[str, Any]] = {}

    def array(a: np.ndarray) -> dict[str, str]:
        a = np.ascontiguousarray(a, dtype=np.float32)  # every array is drawn in float32 (see `figures.paths.f32`)
        raw = a.tobytes()
        key = hashlib.blake2b(raw + str(a.shape).encode(), digest_size=8).hexdigest()
        if key not in arrays:
            arrays[key] = {"dtype": "f4", "shape": list(a.shape), "bdata": base64.b64encode(raw).decode("ascii")}
        return {REF: key}

    def walk(v: Any) -> Any:
        # the plain types first, by exact type (most of a figure's ~10⁴ values: strings, floats, dicts, lists)
        t = type(v)
        if t is str or v is None or t is bool or t is int:
            return v
        if t is float:
            return v if math.isfinite(v) else None
        if t is dict and "bdata" not in v:
            return {(k if type(k) is str else str(k)): walk(x) for k, x in v.items()}
        if t is list or t is tuple:
            return [walk(x) for x in v]
        return other(v)

    def other(v: Any) -> Any:
        if isinstance(v, np.ndarray):
            if v.dtype.kind in "fiu" and v.size > 8:
                return array(v)
            return [walk(x) for x in v.tolist()]
        if isinstance(v, dict):
            if {"dtype", "bdata"} <= set(v) <= {"dtype", "bdata", "shape"}:  # plotly's typed-array spec, encoded
                a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
                if "shape" in v:
                    a = a.reshape([int(n) for n in str(v["shape"]).split(",")])
                return walk(a)
            return {str(k): walk(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x) for x in v]
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, np.integer)):
            return int(v)
        if isinstance(v, (float, np.floating)):
            return float(v) if math.isfinite(v) else None
        return v

    return {"tree": walk(tree), "arrays": arrays}


def unpack(packed: dict[str, Any], typed: bool = False) -> Any:
    """The inverse of `pack`, with arrays back as float32 NumPy arrays (for tests and exports), or with
    ``typed`` as plotly's typed-array dicts (``{"dtype", "bdata", "shape"}``, comparable with ``==``)."""
    arrays = {
        k: ({"dtype": "f4", "bdata": a["bdata"], "shape": ", ".join(map(str, a["shape"]))} if typed
            else np.frombuffer(base64.b64decode(a["bdata"]), dtype=np.float32).reshape(a["shape"]))
        for k, a in packed["arrays"].items()
    }

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            if set(v) == {REF}:
                return arrays[v[REF]]
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return walk(packed["tree"])


def encode(value: Any) -> bytes:
    """``value`` as compact JSON in UTF-8. NaN is refused: the browser's ``JSON.parse`` would refuse it there."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False).encode()


def document(members: dict[str, Any], encoded: dict[str, bytes] | None = None) -> bytes:
    """One JSON object: ``members`` encoded here, ``encoded`` members spliced in as they are (each already
    one JSON value, from `encode`)."""
    parts = [encode(k) + b":" + encode(v) for k, v in members.items()]
    parts += [encode(k) + b":" + v for k, v in (encoded or {}).items()]
    return b"{" + b",".join(parts) + b"}"


def payload(proto) -> Any:
    """The chart component's data from its element (a ``BidiComponent`` proto), as the browser reads it: a
    `document` in ``bytes``, or JSON text in ``json`` (how Streamlit sends a dict)."""
    return json.loads(proto.bytes if proto.WhichOneof("data") == "bytes" else proto.json)
