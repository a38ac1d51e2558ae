"""考核指标表 and 考核等次 as office data: made from a preset or copied, edited, validated (the points add up, the bands
cover 0-100), and frozen once a finished round has used them — the office copies a frozen table to change it."""
from __future__ import annotations

import json

from app import audit, clock, modules
from app.actor import Actor
from app.assessment import presets, rules
from app.errors import InvalidState, NotFound, ValidationError
from app.permissions import require
from db.connection import write_transaction
from db.models import GradeBands, IndicatorTable, Round

audit.register_labels(
    actions={"assessment.table_create": "新建考核指标表", "assessment.table_save": "修改考核指标表",
             "assessment.bands_create": "新建考核等次", "assessment.bands_save": "修改考核等次"},
    entities={"assessment_table": "考核指标表", "assessment_bands": "考核等次"})

FINISHED = ("approved", "notified")  # a round whose results the leading group has approved


def known_measures() -> dict[str, modules.Measure]:
    return modules.measures()


def _table_dict(row: IndicatorTable) -> dict:
    return {"id": row.id, "name": row.name, "total": row.total, "indicators": json.loads(row.indicators),
            "preset": row.preset, "note": row.note, "frozen": is_frozen_table(row.id)}


def is_frozen_table(table_id: int) -> bool:
    return Round.select().where((Round.table == table_id) & Round.state.in_(FINISHED)).exists()


def is_frozen_bands(bands_id: int) -> bool:
    return Round.select().where((Round.bands == bands_id) & Round.state.in_(FINISHED)).exists()


def _table_row(table_id) -> IndicatorTable:
    row = IndicatorTable.get_or_none(IndicatorTable.id == table_id)
    if row is None:
        raise NotFound("找不到该考核指标表")
    return row


def _bands_row(bands_id) -> GradeBands:
    row = GradeBands.get_or_none(GradeBands.id == bands_id)
    if row is None:
        raise NotFound("找不到该考核等次")
    return row


def list_tables(actor: Actor) -> list[dict]:
    require(actor, "assessment.view")
    return [_table_dict(r) for r in IndicatorTable.select().order_by(IndicatorTable.id)]


def get_table(actor: Actor, table_id: int) -> dict:
    require(actor, "assessment.view")
    return _table_dict(_table_row(table_id))


def load_table(table_id: int) -> dict:
    """The table for a service that has checked (the scoring and the sheets)."""
    return _table_dict(_table_row(table_id))


def _clean_table(name, total, indicators) -> tuple[str, float, list[dict]]:
    name = str(name or "").strip()
    problems = [] if name else [("名称", "不能为空")]
    nodes = rules.number_nodes(list(indicators or []))
    problems += rules.table_problems(total, nodes, known_measures())
    if problems:
        raise ValidationError(None, problems=problems)
    return name, float(total), nodes


def _unique_name(model, name: str, exclude: int | None = None) -> None:
    q = model.select().where(model.name == name)
    if exclude is not None:
        q = q.where(model.id != exclude)
    if q.exists():
        raise ValidationError("名称", f"已有名为“{name}”的{'考核指标表' if model is IndicatorTable else '考核等次'}")


def create_table(actor: Actor, name: str, total, indicators: list[dict], preset: str = "", note: str = "") -> dict:
    require(actor, "assessment.configure")
    name, total, nodes = _clean_table(name, total, indicators)
    now = clock.now()
    with write_transaction():
        _unique_name(IndicatorTable, name)
        row = IndicatorTable.create(name=name, total=total, indicators=json.dumps(nodes, ensure_ascii=False),
                                    preset=preset, note=str(note or ""), created_at=now, updated_at=now)
        audit.record(actor, "assessment.table_create", "assessment_table", row.id,
                     after={"name": name, "total": total, "indicators": nodes, "preset": preset})
    return _table_dict(row)


def create_from_preset(actor: Actor, preset: str, name: str | None = None) -> dict:
    """A table from one of the presets; leaves bound to a measure no installed module offers become manual."""
    require(actor, "assessment.configure")
    if preset not in presets.TABLES:
        raise ValidationError("预设", f"没有名为“{preset}”的预设指标表")
    spec = presets.TABLES[preset]
    nodes = presets.strip_absent(spec["indicators"], set(known_measures()))
    return create_table(actor, name or spec["name"], spec["total"], nodes, preset=preset)


def copy_table(actor: Actor, table_id: int, name: str) -> dict:
    require(actor, "assessment.configure")
    source = _table_row(table_id)
    nodes = presets.strip_absent(json.loads(source.indicators), set(known_measures()))
    return create_table(actor, name, source.total, nodes, preset=source.preset, note=f"复制自“{source.name}”")


def save_table(actor: Actor, table_id: int, name: str, total, indicators: list[dict], note: str = "") -> dict:
    require(actor, "assessment.configure")
    row = _table_row(table_id)
    if is_frozen_table(row.id):
        raise InvalidState(f"考核指标表“{row.name}”已用于结果已审定的考核，不能再修改；如需调整，请复制后修改副本")
    name, total, nodes = _clean_table(name, total, indicators)
    before = {"name": row.name, "total": row.total, "indicators": json.loads(row.indicators), "note": row.note}
    with write_transaction():
        _unique_name(IndicatorTable, name, exclude=row.id)
        IndicatorTable.update(name=name, total=total, indicators=json.dumps(nodes, ensure_ascii=False),
                              note=str(note or ""), updated_at=clock.now()).where(IndicatorTable.id == row.id).execute()
        audit.record(actor, "assessment.table_save", "assessment_table", row.id, before=before,
                     after={"name": name, "total": total, "indicators": nodes, "note": str(note or "")})
    return _table_dict(_table_row(row.id))


# ---- grade bands ---------------------------------------------------------------------------------------------------
def _bands_dict(row: GradeBands) -> dict:
    return {"id": row.id, "name": row.name, "bands": json.loads(row.bands), "boundary": row.boundary,
            "preset": row.preset, "frozen": is_frozen_bands(row.id)}


def list_bands(actor: Actor) -> list[dict]:
    require(actor, "assessment.view")
    return [_bands_dict(r) for r in GradeBands.select().order_by(GradeBands.id)]


def load_bands(bands_id: int) -> dict:
    return _bands_dict(_bands_row(bands_id))


def _clean_bands(name, bands, boundary) -> tuple[str, list[dict]]:
    name = str(name or "").strip()
    problems = [] if name else [("名称", "不能为空")]
    problems += rules.band_problems(list(bands or []), boundary)
    if problems:
        raise ValidationError(None, problems=problems)
    clean = [{"name": str(b["name"]).strip(), "low": int(b["low"]), "high": int(b["high"])} for b in bands]
    return name, sorted(clean, key=lambda b: -b["low"])


def create_bands(actor: Actor, name: str, bands: list[dict], boundary: str, preset: str = "") -> dict:
    require(actor, "assessment.configure")
    name, clean = _clean_bands(name, bands, boundary)
    now = clock.now()
    with write_transaction():
        _unique_name(GradeBands, name)
        row = GradeBands.create(name=name, bands=json.dumps(clean, ensure_ascii=False), boundary=boundary,
                                preset=preset, created_at=now, updated_at=now)
        audit.record(actor, "assessment.bands_create", "assessment_bands", row.id,
                     after={"name": name, "bands": clean, "boundary": boundary})
    return _bands_dict(row)


def create_bands_from_preset(actor: Actor, preset: str) -> dict:
    require(actor, "assessment.configure")
    if preset not in presets.BANDS:
        raise ValidationError("预设", f"没有名为“{preset}”的预设等次")
    spec = presets.BANDS[preset]
    return create_bands(actor, spec["name"], spec["bands"], spec["boundary"], preset=preset)


def save_bands(actor: Actor, bands_id: int, name: str, bands: list[dict], boundary: str) -> dict:
    require(actor, "assessment.configure")
    row = _bands_row(bands_id)
    if is_frozen_bands(row.id):
        raise InvalidState(f"考核等次“{row.name}”已用于结果已审定的考核，不能再修改；如需调整，请新建一套等次")
    name, clean = _clean_bands(name, bands, boundary)
    before = {"name": row.name, "bands": json.loads(row.bands), "boundary": row.boundary}
    with write_transaction():
        _unique_name(GradeBands, name, exclude=row.id)
        GradeBands.update(name=name, bands=json.dumps(clean, ensure_ascii=False), boundary=boundary,
                          updated_at=clock.now()).where(GradeBands.id == row.id).execute()
        audit.record(actor, "assessment.bands_save", "assessment_bands", row.id, before=before,
                     after={"name": name, "bands": clean, "boundary": boundary})
    return _bands_dict(_bands_row(row.id))
