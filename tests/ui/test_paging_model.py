"""The paging table model: Qt's model tester, pages fetched on demand, sorting re-runs the query."""
from ui.models.paging import Column, FunctionSource, PagingTableModel
from ui.qt import Qt, QtCore


class ListSource:
    def __init__(self, n):
        self.rows = [{"id": i, "name": f"名称{i:04d}", "n": (i * 7) % 13} for i in range(n)]
        self.fetches = []
        self.counts = 0

    def count(self):
        self.counts += 1
        return len(self.rows)

    def fetch(self, offset, limit, sort_key, descending):
        self.fetches.append((offset, limit, sort_key, descending))
        rows = sorted(self.rows, key=lambda r: r[sort_key], reverse=descending) if sort_key else self.rows
        return rows[offset:offset + limit]


COLUMNS = [Column("id", "编号", "id"), Column("name", "名称", "name"), Column("n", "数", "n"),
           Column("x", "不可排序", None)]


def test_model_tester(qtmodeltester):
    model = PagingTableModel(COLUMNS, ListSource(450), page_size=100)
    qtmodeltester.check(model, force_py=True)


def test_pages_on_demand(qtbot):
    src = ListSource(450)
    model = PagingTableModel(COLUMNS, src, page_size=200)
    assert model.rowCount() == 200 and model.total == 450
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    assert [f[0] for f in src.fetches] == [0, 200, 400]


def test_sort_reruns_query_and_unsortable_columns_are_ignored(qtbot):
    src = ListSource(300)
    model = PagingTableModel(COLUMNS, src, page_size=100)
    model.sort(0, Qt.DescendingOrder)
    assert src.fetches[-1] == (0, 101, "id", True)  # a page and one row that tells whether more follow
    assert model.data(model.index(0, 0)) == "299"
    calls = len(src.fetches)
    model.sort(3, Qt.AscendingOrder)
    assert len(src.fetches) == calls


def test_view_scrolling_fetches_more(qtbot):
    from ui.widgets import make_table_view
    src = ListSource(1000)
    model = PagingTableModel(COLUMNS, src, page_size=50)
    view = make_table_view(model)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 50)


def test_function_source_and_refresh(qtbot):
    data = [{"id": 1}]
    model = PagingTableModel([Column("id", "编号")], FunctionSource(lambda: len(data), lambda o, n, s, d: data[o:o + n]))
    seen = []
    model.totalChanged.connect(seen.append)
    data.append({"id": 2})
    model.refresh()
    assert model.rowCount() == 2 and seen == [2]
    assert model.data(model.index(1, 0), Qt.UserRole) == {"id": 2}
    assert model.data(model.index(5, 0)) is None
    assert model.headerData(0, Qt.Horizontal) == "编号"
    assert model.flags(QtCore.QModelIndex()) == Qt.NoItemFlags


def test_shrinking_data_stops_fetching(qtbot):
    src = ListSource(300)
    model = PagingTableModel(COLUMNS, src, page_size=100)
    src.rows = src.rows[:150]
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 150 and not model.canFetchMore()


def test_list_source_pages_and_sorts_rows_in_memory(qtmodeltester):
    from ui.models.paging import ListSource
    rows = [{"id": i, "name": name} for i, name in enumerate(["b", None, "a"])]
    model = PagingTableModel([Column("id", "编号", "id"), Column("name", "名称", "name")], ListSource(rows),
                             page_size=2)
    assert model.total == 3 and model.rowCount() == 2
    model.sort(1, Qt.AscendingOrder)
    assert [r["id"] for r in model.loaded_rows()] == [1, 2]  # the empty name first, then a
    model.fetchMore()
    assert [r["id"] for r in model.loaded_rows()] == [1, 2, 0]
    model.sort(1, Qt.DescendingOrder)
    assert [r["id"] for r in model.loaded_rows()] == [0, 2]
    qtmodeltester.check(model, force_py=True)


def test_row_of_loads_pages_until_the_record_is_found():
    from ui.models.paging import Column, ListSource, PagingTableModel
    model = PagingTableModel([Column("id", "编号")], ListSource([{"id": k} for k in range(10)]), page_size=3)
    assert model.rowCount() == 3
    assert model.row_of(7) == 7 and model.rowCount() >= 8
    assert model.row_of(42) is None and not model.canFetchMore()


def test_first_page_is_shown_before_the_total_is_counted(qtbot):
    src = ListSource(450)
    model = PagingTableModel(COLUMNS, ListSource(0), page_size=200)
    pending, totals = [], []
    model.totalPending.connect(lambda: pending.append(True))
    model.totalChanged.connect(totals.append)
    model.set_source(src)
    assert src.fetches == [(0, 201, None, False)] and src.counts == 0  # one row more than a page, no count yet
    assert model.rowCount() == 200 and model.canFetchMore() and pending == [True] and totals == []
    qtbot.waitUntil(lambda: totals == [450])
    assert src.counts == 1 and model.total == 450


def test_a_result_within_one_page_is_never_counted(qtbot):
    src = ListSource(200)
    model = PagingTableModel(COLUMNS, src, page_size=200)
    assert model.total == 200 and not model.canFetchMore() and src.counts == 0


def test_reading_the_total_while_pending_counts_once_and_a_stale_count_is_dropped(qtbot):
    src = ListSource(450)
    model = PagingTableModel(COLUMNS, src, page_size=100)
    totals = []
    model.totalChanged.connect(totals.append)
    model.sort(0, Qt.DescendingOrder)  # a second query before the first one's count ran
    assert model.total == 450 and totals == [450] and src.counts == 1
    qtbot.wait(20)
    assert src.counts == 1 and totals == [450]


def test_paging_to_the_end_before_the_count_gives_the_total(qtbot):
    src = ListSource(250)
    model = PagingTableModel(COLUMNS, src, page_size=200)
    totals = []
    model.totalChanged.connect(totals.append)
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore() and totals == [250]
    qtbot.wait(20)
    assert src.counts == 0 and totals == [250]
