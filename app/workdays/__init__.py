"""工作日与法定期限: the official working-day calendar (``calendar``), deadline arithmetic (``deadlines``), a year's
holiday schedule as data (``schedule``) and its upkeep in the database (``service``). No Qt here."""
from app import audit

audit.register_labels(
    actions={"calendar.save": "录入节假日安排", "calendar.import": "导入节假日安排",
             "calendar.delete": "删除节假日安排（恢复默认）"},
    entities={"calendar_year": "节假日安排"},
)
