"""Extractors: each a small module, (annotated doc, Article) -> list of mentions, registered by name."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.model import Actor, Attribution, Place, Quantity, When


@dataclass(frozen=True)
class Mentions:
    """What the mention extractors found in one article: the input of the events coder."""

    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[When, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
