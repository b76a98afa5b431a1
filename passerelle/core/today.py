"""Blocks of the "Aujourd'hui" page, contributed by each capability.

An app registers a function (request) -> dict | None in its AppConfig.ready(); the dict has
"template" and the context that template needs. None hides the block (e.g. no permission).
"""

from __future__ import annotations

from collections.abc import Callable

from passerelle.core.registry import Registry

BLOCKS: Registry[Callable] = Registry("today blocks")


def register_block(block: Callable, *, order: int = 100) -> None:
    BLOCKS.register(block, order=order)


def blocks_for(request) -> list[dict]:
    return [block for build in BLOCKS if (block := build(request)) is not None]
