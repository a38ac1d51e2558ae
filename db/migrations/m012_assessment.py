"""Schema step: 考核评议 (DOMAIN.md §6) — indicator tables, grade bands, the yearly rounds, each assessed unit's record
and the assessors' scores; and the 承办科室 of each request, so that the requests' measures can be computed per unit.
Existing requests get the office's first unit (the stored 科室（股室） list, else the preset's first), as imports do.

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import json

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "考核评议；依申请公开的承办科室"
FIRST_UNIT = "办公室"  # the first unit of app.settings.UNITS_PRESET


def default_unit(db) -> str:
    row = db.execute_sql("SELECT value FROM setting WHERE key = 'publication.units'").fetchone()
    if row:
        try:
            lines = [x.strip() for x in str(json.loads(row[0]) or "").splitlines() if x.strip()]
        except ValueError:
            lines = []
        if lines:
            return lines[0]
    return FIRST_UNIT


def apply(db):
    Base = base_model(db)
    User = existing_table(Base, "app_user")

    class IndicatorTable(Base):
        """考核指标表: a tree of indicators with their points, scoring rules, deduction and bonus items (JSON, validated
        by ``app.assessment.rules.check_table``). Frozen once a finished round has used it: the office copies it."""
        name = pw.TextField(unique=True)
        total = pw.FloatField(default=100)
        indicators = pw.TextField()  # JSON list of indicator nodes
        preset = pw.TextField(default="")  # the preset it was made from, if any
        note = pw.TextField(default="")
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            table_name = "assessment_table"


    class GradeBands(Base):
        """考核等次: bands covering 0-100 and the rule for a score between two bands' integers (89.5)."""
        name = pw.TextField(unique=True)
        bands = pw.TextField()  # JSON list of {"name", "low", "high"}, integers, inclusive
        boundary = pw.TextField(default="half_up")  # half_up (四舍五入) | down (去尾)
        preset = pw.TextField(default="")
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            table_name = "assessment_bands"


    class Round(Base):
        """一次考核: one year's assessment of the units, from the 考核方案 to the notified results."""
        year = pw.IntegerField(unique=True)
        table = pw.ForeignKeyField(IndicatorTable, column_name="table_id", backref="rounds")
        bands = pw.ForeignKeyField(GradeBands, column_name="bands_id", backref="rounds")
        combine = pw.TextField(default="average")  # average | agreed: the round's score per indicator
        state = pw.TextField(index=True)
        plan_approved_date = pw.DateField(null=True)  # 考核方案 approved by the leading group
        notice_date = pw.DateField(null=True)  # 考核通知 sent (15 days ahead, seeds 000 第九条, 004)
        onsite_date = pw.DateField(null=True)  # 现场考核
        onsite_methods = pw.TextField(default="[]")  # JSON: 听取汇报, 民主测评, 实地察看 (seed 002 第八条)
        members = pw.TextField(default="[]")  # JSON list of {"name", "role"}: the 考核小组
        approved_date = pw.DateField(null=True)  # the leading group's 审定
        approved_by = pw.ForeignKeyField(User, null=True, column_name="approved_by")
        approval_note = pw.TextField(default="")
        notified_date = pw.DateField(null=True)
        notified_form = pw.TextField(default="")  # 会议 | 文件
        notified_ref = pw.TextField(default="")  # the meeting or the document's 文号
        source = pw.TextField(default="entered")  # entered | demo
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            table_name = "assessment_round"


    class RoundUnit(Base):
        """One 科室/股室 assessed in a round."""
        round = pw.ForeignKeyField(Round, backref="units", on_delete="CASCADE")
        unit = pw.TextField()
        seq = pw.IntegerField(default=0)
        self_check_date = pw.DateField(null=True)  # 自查书面材料 received
        self_check_note = pw.TextField(default="")
        materials = pw.TextField(default="[]")  # JSON list of stored files {"name", "path", "sha256", "size", "added"}
        total = pw.FloatField(null=True)  # fixed at the leading group's approval
        grade = pw.TextField(default="")
        rectify_due = pw.DateField(null=True)  # 不合格: 限期整改 (seed 002 第八条)
        rectify_opinion = pw.TextField(default="")
        recheck_date = pw.DateField(null=True)  # 验收
        recheck_result = pw.TextField(default="")  # passed | failed
        recheck_note = pw.TextField(default="")
        followup = pw.TextField(default="")  # commend (表彰) | criticise (通报批评), seeds 000 第十条, 003 六
        followup_date = pw.DateField(null=True)
        followup_note = pw.TextField(default="")

        class Meta:
            table_name = "assessment_round_unit"
            indexes = ((("round", "unit"), True),)


    class Score(Base):
        """One assessor's points for one indicator of one unit, or the group's agreed figure (``assessor`` empty)."""
        round_unit = pw.ForeignKeyField(RoundUnit, backref="scores", on_delete="CASCADE", column_name="round_unit_id")
        indicator = pw.TextField()  # the indicator's code in the round's table
        assessor = pw.TextField(default="")  # a group member's name; "" = 商定分
        points = pw.FloatField()  # before deductions
        deductions = pw.TextField(default="[]")  # JSON list of {"code", "count", "reason"}
        proposed = pw.FloatField(null=True)  # what the records proposed
        figure = pw.FloatField(null=True)  # the measure's value behind the proposal
        override_reason = pw.TextField(default="")  # why the points differ from the proposal
        note = pw.TextField(default="")
        entered_by = pw.ForeignKeyField(User, null=True, column_name="entered_by")
        entered_at = pw.DateTimeField()

        class Meta:
            table_name = "assessment_score"
            indexes = ((("round_unit", "indicator", "assessor"), True),)

    db.create_tables([IndicatorTable, GradeBands, Round, RoundUnit, Score])
    if "unit" not in {c.name for c in db.get_columns("disclosure_request")}:
        migrate(SchemaMigrator.from_database(db).add_column("disclosure_request", "unit", pw.TextField(null=True)))
    db.execute_sql("UPDATE disclosure_request SET unit = %s WHERE unit IS NULL" % db.param, (default_unit(db),))
