"""Extractors chosen by versioned name, so a config stays stable while implementations change.

A factory registered here is called once per process (it loads its knowledge base) and returns an
Extractor: a callable of (annotated doc, Article) that may also ask for EntityRuler patterns to be
placed in front of the statistical NER.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc

from khabar.model import Article

T = TypeVar("T")


class Extractor(Protocol[T]):
    """What a registered factory returns: a pure function of (doc, article) plus its knowledge base."""

    def patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns this extractor needs recognised (may be empty)."""
        ...

    def __call__(self, doc: Doc, article: Article) -> list[T]: ...


Factory = Callable[[], Any]
_FACTORIES: dict[str, Factory] = {}

# Modules that register factories on import; listed here so a name resolves without the caller
# having to know which module defines it.
_PROVIDERS = (
    "khabar.extractors.actors",
    "khabar.extractors.places",
    "khabar.extractors.time",
    "khabar.extractors.quantities",
    "khabar.extractors.attribution",
    "khabar.extractors.events",
)


def register(name: str) -> Callable[[Factory], Factory]:
    """Register ``factory`` under a versioned name such as ``"khabar.places.gazetteer.v1"``."""

    def wrap(factory: Factory) -> Factory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"[K001] extractor name {name!r} is registered twice")
        _FACTORIES[name] = factory
        return factory

    return wrap


def resolve(name: str) -> Factory:
    """The factory registered as ``name``; imports the provider modules on first use."""
    if name not in _FACTORIES:
        for module in _PROVIDERS:
            importlib.import_module(module)
    try:
        return _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        raise KeyError(f"[K002] no extractor named {name!r}; known: {known}") from None


def registered() -> list[str]:
    for module in _PROVIDERS:
        importlib.import_module(module)
    return sorted(_FACTORIES)
