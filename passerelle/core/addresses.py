"""Addresses reversed once per process: Django's `reverse()` matches the pattern again at
each call (≈ 0.05-0.1 ms), which the menu (ten entries), the page frame and every row of a
long list paid on every request. The result depends on the URL configuration, fixed for
the process, and on the script prefix, part of the cache key."""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, reverse

# A number no real key reaches, to find where the key goes in a reversed address.
_MARK = "987654321987654321"


@lru_cache(maxsize=512)
def _fixed(viewname: str, prefix: str) -> str:
    return reverse(viewname)


@lru_cache(maxsize=512)
def _around_key(viewname: str, prefix: str) -> tuple[str, str]:
    address = reverse(viewname, args=[int(_MARK)])
    head, found, tail = address.partition(_MARK)
    if not found or _MARK in tail:
        raise NoReverseMatch(f"{viewname} does not take one integer key")
    return head, tail


def fixed_address(viewname: str) -> str:
    """`reverse(viewname)` for a page without arguments."""
    return _fixed(viewname, get_script_prefix())


def keyed_address(viewname: str, key: int) -> str:
    """`reverse(viewname, args=[key])` for a page with one integer key."""
    head, tail = _around_key(viewname, get_script_prefix())
    return f"{head}{int(key)}{tail}"


def _forget(*, setting: str, **kwargs) -> None:
    """Tests that swap the URL configuration start afresh, as Django's own caches do."""
    if setting == "ROOT_URLCONF":
        _fixed.cache_clear()
        _around_key.cache_clear()


setting_changed.connect(_forget)
