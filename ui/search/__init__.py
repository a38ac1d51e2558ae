"""一站式搜索: the main window's search field (Ctrl+K) and the panel of hits across the modules."""
from ui.search.panel import SearchPanel, highlight

__all__ = ["SearchPanel", "highlight"]
