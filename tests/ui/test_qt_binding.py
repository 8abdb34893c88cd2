"""Guards the Qt binding itself: PySide6 6.12.0 on Python 3.11 loses a reference to None on every
call of a void method, and a long session then aborts with "deallocating None"."""

import sys

import pytest

pytest.importorskip("PySide6")


def test_void_calls_keep_none_alive(qapp):
    from PySide6.QtGui import QImage, QPainter

    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(1000):
        painter.save()
        painter.restore()
    after = sys.getrefcount(None)
    painter.end()
    assert abs(after - before) < 50, "this PySide6 build leaks references to None: pin another version"
