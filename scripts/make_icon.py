"""Draws the app icon (resources/annotator.png and .ico): two aligned columns of lines, one
tagged. Run once; the files are committed."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

app = QGuiApplication(sys.argv[:1])
size = 256
image = QImage(size, size, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
painter.setRenderHint(QPainter.RenderHint.Antialiasing)
painter.setPen(Qt.PenStyle.NoPen)
painter.setBrush(QColor("#2a3f5f"))
painter.drawRoundedRect(QRectF(8, 8, 240, 240), 40, 40)
for column, x in enumerate((36, 136)):
    for row, y in enumerate((52, 100, 148, 196)):
        painter.setBrush(QColor("#d62728") if (column, row) == (0, 1) else QColor("#1f77b4") if (column, row) == (1, 1)
                         else QColor("#e8eef7"))
        painter.drawRoundedRect(QRectF(x, y, 84, 20), 8, 8)
painter.end()
resources = Path(__file__).resolve().parents[1] / "resources"
image.save(str(resources / "annotator.png"))
image.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation).save(
    str(resources / "annotator.ico"))
print("resources/annotator.png and annotator.ico written")
