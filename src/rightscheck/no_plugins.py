"""The command line runs no pydantic plugin, and does not load the code that looks for them.

Pydantic looks for plugins (third-party observers of validation, registered in the metadata of
installed packages) the first time it builds a validator. Its documented switch,
``PYDANTIC_DISABLE_PLUGINS``, skips the search, but the loader module is still imported, and with
it the standard library's ``importlib.metadata`` (email parsing, zip files, CSV): some 20-40 ms of a
check's cold start of 300. A check validates its own models and must give the same output
whatever else is installed, so :func:`disable` sets the switch and puts in the loader's place one
that finds no plugin. Whatever else pydantic may ask of its loader is read from the real one,
loaded at that moment: a later pydantic that asks for more costs the time saved here, not a failure.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def _from_real_loader(name: str) -> Any:
    """An attribute of pydantic's own loader, which replaces the stand-in for good (not the
    attributes the import system asks every module for, such as ``__path__``)."""
    if name.startswith("__"):
        raise AttributeError(name)
    import importlib

    stand_in = sys.modules.pop(LOADER, None)
    try:
        real = importlib.import_module(LOADER)
    except ImportError:
        if stand_in is not None:
            sys.modules[LOADER] = stand_in
        raise AttributeError(name) from None
    return getattr(real, name)


def disable() -> None:
    """No pydantic plugin in this process (and the processes it starts)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    if LOADER in sys.modules:
        return  # pydantic has looked already
    stand_in = types.ModuleType(LOADER, "Stands in for pydantic's plugin loader: no plugin (rightscheck.no_plugins).")
    stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    vars(stand_in)["__getattr__"] = _from_real_loader  # PEP 562: the names the stand-in lacks
    sys.modules[LOADER] = stand_in
