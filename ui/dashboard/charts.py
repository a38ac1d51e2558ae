"""统计图表: the charts the modules offer (``app.modules.charts``) for a chosen year, drawn with QtCharts; each saves
as a PNG picture and its figures as an .xlsx workbook. A chart without data for the year is not shown."""
from __future__ import annotations

import math

from app import charts as chart_service
from app import clock, modules
from app.errors import ServiceError
from ui import file_dialogs, messages
from ui.events import on_change
from ui.messages import show_error
from ui.qt import QtCharts, QtCore, QtGui, QtWidgets, Qt

PALETTE = ("#2e7d32", "#66bb6a", "#c62828", "#ef6c00", "#6d4c41", "#546e7a", "#90a4ae", "#1565c0", "#8e24aa",
           "#00838f")
CHART_HEIGHT = 300


def tick_step(top: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that divides 0..``top`` into at most 6 parts: whole numbers of
    requests on the axis, never 8, 17, 25."""
    step = 1.0
    while top / step > 6:
        for factor in (2, 2.5, 2):
            step *= factor
            if top / step <= 6:
                break
    return step


def build_chart(data: modules.ChartData) -> QtCharts.QChart:
    """A bar chart of ``data``: stacked when its series add up, values on a fixed axis for a rate."""
    chart = QtCharts.QChart()
    chart.setTitle(data.title)
    chart.setAnimationOptions(QtCharts.QChart.NoAnimation)
    bars = QtCharts.QStackedBarSeries() if data.stacked else QtCharts.QBarSeries()
    for i, (name, values) in enumerate(data.series):
        bar_set = QtCharts.QBarSet(name)
        bar_set.append([float(v) for v in values])
        bar_set.setColor(QtGui.QColor(PALETTE[i % len(PALETTE)]))
        bars.append(bar_set)
    chart.addSeries(bars)
    axis_x = QtCharts.QBarCategoryAxis()
    axis_x.append(list(data.categories))
    chart.addAxis(axis_x, Qt.AlignBottom)
    bars.attachAxis(axis_x)
    axis_y = QtCharts.QValueAxis()
    top = data.maximum or max((sum(col) if data.stacked else max(col))
                              for col in zip(*(values for _, values in data.series)))
    step = tick_step(top)
    axis_y.setTickType(QtCharts.QValueAxis.TicksDynamic)
    axis_y.setTickAnchor(0)
    axis_y.setTickInterval(step)
    axis_y.setRange(0, step * math.ceil(max(top, 1) / step))
    axis_y.setLabelFormat("%.0f%%" if data.value_label == "%" else "%d")
    chart.addAxis(axis_y, Qt.AlignLeft)
    bars.attachAxis(axis_y)
    chart.legend().setVisible(len(data.series) > 1 or data.stacked)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


class ChartPanel(QtWidgets.QGroupBox):
    """One chart with its two exports."""

    def __init__(self, actor, name: str, year: int, data: modules.ChartData, parent=None):
        super().__init__(parent)
        self.actor, self.name, self.year, self.data = actor, name, year, data
        layout = QtWidgets.QVBoxLayout(self)
        self.view = QtCharts.QChartView(build_chart(data))
        self.view.setRenderHint(QtGui.QPainter.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        layout.addWidget(self.view)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        self.png_button = QtWidgets.QPushButton(self.tr("保存图片…"))
        self.xlsx_button = QtWidgets.QPushButton(self.tr("导出数据…"))
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.xlsx_button)
        layout.addLayout(buttons)
        self.png_button.clicked.connect(lambda: self.save_png())
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())

    def _ask(self, caption: str, suffix: str, filter_: str) -> str:
        path, _ = file_dialogs.get_save_file_name(self, caption, f"{self.year}年{self.data.title}.{suffix}", filter_)
        return path

    def png_bytes(self) -> bytes:
        buffer = QtCore.QBuffer()
        buffer.open(QtCore.QIODevice.WriteOnly)
        self.view.grab().save(buffer, "PNG")
        return bytes(buffer.data())

    def save_png(self, path: str | None = None) -> str:
        path = path or self._ask(self.tr("保存图片"), "png", self.tr("PNG 图片 (*.png)"))
        if not path:
            return ""
        try:
            chart_service.export_image(self.actor, self.name, self.year, path, self.png_bytes())
        except ServiceError as err:
            show_error(self, err, "保存失败")
            return ""
        messages.info(self, self.tr("保存图片"), f"已保存到\n{path}")
        return path

    def save_xlsx(self, path: str | None = None) -> str:
        path = path or self._ask(self.tr("导出数据"), "xlsx", self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return ""
        try:
            chart_service.export_chart(self.actor, self.name, self.year, path)
        except ServiceError as err:
            show_error(self, err, "导出失败")
            return ""
        messages.info(self, self.tr("导出数据"), f"已导出到\n{path}")
        return path


class ChartsSection(QtWidgets.QWidget):
    """The year to show, then the charts two to a row."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(self.tr("年度")))
        self.year = QtWidgets.QComboBox()
        this_year = clock.today().year
        for year in range(this_year, this_year - 6, -1):
            self.year.addItem(f"{year}年", year)
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)
        self.grid = QtWidgets.QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)  # a chart alone keeps half the width
        layout.addLayout(self.grid)
        self.empty = QtWidgets.QLabel(self.tr("这一年还没有可以统计的数据。"))
        self.empty.setStyleSheet("color: #555;")
        layout.addWidget(self.empty)
        self.panels: dict[str, ChartPanel] = {}
        self.year.currentIndexChanged.connect(lambda _: self.refresh())
        on_change(self, ("request", "info_item", "setting", "complaint"), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
            panel.deleteLater()
        self.panels = {}
        year = self.year.currentData()
        for name, chart in modules.charts(self.actor):
            try:
                data = chart.compute(self.actor, year)
            except ServiceError:
                continue
            if data is None or data.empty:
                continue
            panel = ChartPanel(self.actor, name, year, data)
            n = len(self.panels)
            self.grid.addWidget(panel, n // 2, n % 2)
            self.panels[name] = panel
        self.empty.setVisible(not self.panels)
