"""What the 政府信息公开指南 and the 公开事项标准目录 hand to the rest of the program through the module hooks: the
dashboard's entries (the guide out of date with what the program applies, adjustments waiting for review, 公开事项
whose period passed with nothing published), the count of adjustments per 科室 and year for the assessment (seed 001
第六条), and the demo data."""
from __future__ import annotations

import json

from app import audit, integrity, modules, office
from app.actor import Actor
from app.guide import service, standard_query
from app.guide import standard, workbook  # noqa: F401 - loaded with the workspace so the audit viewer names their actions
from app.guide.elements import ELEMENTS
from db.models import GuideVersion, StandardItem, StandardItemVersion

SECTION = "政府信息公开指南和标准目录"

# ``check`` compares each 公开事项 and each issued guide with its last audit row, and a 公开事项's versions with the
# seal in that row (the versions are written only by an approval, before its audit row).
audit.register_seal("standard_item", audit.dependents_seal(StandardItem, StandardItem.id, [
    (StandardItemVersion, StandardItemVersion.item)]))
integrity.register_tracked(integrity.Tracked(
    "standard_item", "公开事项", lambda: {str(i.id): standard.snapshot(i) for i in StandardItem.select()},
    dependents="历次版本"))
integrity.register_tracked(integrity.Tracked(
    "guide_version", "政府信息公开指南", lambda: {
        str(v.version): {"version": v.version, "note": v.note, "changes": json.loads(v.changes or "[]")}
        for v in GuideVersion.select()}))


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    if not actor.can("guide.view"):
        return []
    out = []
    if actor.can("guide.manage"):
        st = service.current_status()
        if st.version is None and office.get_profile():  # without a profile there is no office to write it for yet
            out.append(modules.DashboardEntry("尚未印发政府信息公开指南（条例第十二条：编制、公布并及时更新）", 1))
        elif st.changes:
            out.append(modules.DashboardEntry(
                f"政府信息公开指南需要更新：第{st.version}版印发后有 {len(st.changes)} 项变化", len(st.changes),
                tuple(f"{what}：{old} → {new}" for what, old, new in st.changes[:5]), True))
    if actor.can("catalogue.review"):
        n = standard_query.pending_count()
        if n:
            rows = standard_query.fetch_adjustments(actor, standard_query.AdjustmentFilter(status="proposed"), 0, 5)
            out.append(modules.DashboardEntry(f"标准目录调整待审核 {n} 项", n, tuple(
                f"{r['kind_label']}“{r['name']}”（{r['reason_label']}，{r['proposed_by']}提出）" for r in rows)))
    missing = standard_query.unpublished()
    if missing:
        out.append(modules.DashboardEntry(
            f"公开事项到期未公开 {len(missing)} 项（公开时限已过，公开目录中没有发布）", len(missing), tuple(
                f"{m['name']}（{m['period']}，{m['category']}）：{m['start'].isoformat()}至{m['end'].isoformat()}没有发布"
                for m in missing[:5]), True))
    return out


# ---- the supervisors' archive and the one search box ---------------------------------------------------------------
def _archive_count(actor: Actor, text: str) -> int:
    return standard_query.count(actor, standard_query.CatalogueFilter(text=text))


def _archive_fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    return standard_query.fetch(actor, standard_query.CatalogueFilter(text=text), offset, limit, "name")


def _archive_detail(actor: Actor, record_id: int) -> list[tuple[str, str]]:
    history = standard_query.history(actor, record_id)
    current = history[-1]["data"] if history else {}
    lines = [(label, current.get(key) or "") for key, label in ELEMENTS.items()]
    for h in history:
        adj = h["adjustment"] or {}
        lines.append((f"第{h['version']}版（{h['valid_from']:%Y-%m-%d}）",
                      f"{adj.get('kind_label', '')}，{adj.get('reason_label', '')}；提出：{adj.get('proposed_by', '')}，"
                      f"批准：{adj.get('reviewed_by', '')}"))
    return lines


def search(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    rows = standard_query.fetch(actor, standard_query.CatalogueFilter(text=text), 0, limit, "name")
    return [modules.SearchHit("公开事项", r["id"], "", r["name"], f"{r['unit']}　{r['category']}　{r['time_limit']}")
            for r in rows]


def demo(staff: dict, seed: int) -> str:
    from app.guide.demo import make_catalogue
    return make_catalogue(staff, seed)


def foreign() -> str | None:
    parts = []
    n = StandardItem.select().where(StandardItem.source != "demo").count()
    if n:
        parts.append(f"{n}个公开事项")
    n = GuideVersion.select().where(GuideVersion.source != "demo").count()
    if n:
        parts.append(f"{n}版政府信息公开指南")
    return "、".join(parts) or None


modules.register_dashboard("guide", SECTION, dashboard)
modules.register_demo("guide", demo, foreign)
modules.register_measure(modules.Measure("guide.adjustments", "公开事项标准目录调整次数", "政府信息公开指南和标准目录", "次",
                                         standard_query.adjustments_in))
modules.register_archive_view("guide", modules.ArchiveView(
    "公开事项标准目录", "guide.view",
    tuple((k, ELEMENTS[k]) for k in ("name", "unit", "category", "time_limit", "channel", "basis")),
    _archive_count, _archive_fetch, _archive_detail))
modules.register_search("guide", modules.SearchSource("公开事项标准目录", "guide.view", search))
