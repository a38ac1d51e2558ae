"""系统管理 → 公开指南: the 政府信息公开指南 and the 公开事项标准目录."""
from __future__ import annotations

from ui.qt import QtWidgets


class GuideArea(QtWidgets.QTabWidget):
    """Two pages: the guide (preview, the office's paragraphs, versions, printing) and the standard catalogue."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        from ui.guide.catalogue_panel import CataloguePanel
        from ui.guide.guide_panel import GuidePanel
        self.guide = GuidePanel(actor)
        self.catalogue = CataloguePanel(actor)
        self.addTab(self.guide, self.tr("政府信息公开指南"))
        self.addTab(self.catalogue, self.tr("公开事项标准目录"))
