"""监督员 tables (DOMAIN.md §5, seed 001 勺米镇政务公开监督员管理制度): the roster and its terms, the supervisors'
opinions and their handling, quarterly briefings and meetings with who attended, and the log of what was read in the
archive."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class Supervisor(BaseModel):
    """政务公开监督员: one person appointed by the office (seed 001 一(一)(二))."""
    name = pw.TextField()
    sex = pw.TextField(default="")  # 男 | 女
    contact = pw.TextField(default="")  # telephone, e-mail
    constituency = pw.TextField()  # party_deputy | npc_deputy | cppcc | mass_org | agency (代表性, seed 001 一(二))
    unit = pw.TextField(default="")  # 工作单位
    appointed_date = pw.DateField()  # first appointment
    term_end = pw.DateField(index=True)  # end of the current term
    status = pw.TextField(default="serving", index=True)  # serving | ended
    ended_date = pw.DateField(null=True)
    end_reason = pw.TextField(default="")  # term_over | change | resigned | other
    end_note = pw.TextField(default="")
    replaces = pw.IntegerField(null=True)  # 另聘: the supervisor this one was appointed in place of
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")  # the account with the 监督员 role
    notes = pw.TextField(default="")
    source = pw.TextField(default="entered")  # "entered" | "demo"
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "supervisor"


class SupervisorTerm(BaseModel):
    """One term of service: the appointment or a 续聘, and its 备案 with the district leading group."""
    supervisor = pw.ForeignKeyField(Supervisor, backref="terms", on_delete="CASCADE")
    seq = pw.IntegerField()  # 1: the appointment; 2, 3…: renewals
    start = pw.DateField()
    end = pw.DateField()
    filed_date = pw.DateField(null=True)  # 备案 to 区政务公开工作领导小组
    filing_number = pw.TextField(default="")
    created_at = pw.DateTimeField()

    class Meta:
        table_name = "supervisor_term"
        indexes = ((("supervisor", "seq"), True),)


class Opinion(BaseModel):
    """监督建议和意见 (seed 001 三(四), 四(二)): 登记 → 转办 → 反馈 → 通报, or recorded as not possible for now."""
    number = pw.TextField(unique=True)
    supervisor = pw.ForeignKeyField(Supervisor, null=True, backref="opinions")
    received_date = pw.DateField(index=True)
    channel = pw.TextField()  # email | phone | letter | in_person | program
    content = pw.TextField()
    category = pw.TextField(default="")
    priority = pw.TextField(default="normal")  # normal | high (重点)
    subject_view = pw.TextField(default="")  # the archive view of the record it is about ("requests", …)
    subject_id = pw.IntegerField(null=True)
    subject_label = pw.TextField(default="")
    stage = pw.TextField(index=True)  # registered | transferred | answered | reported | cannot
    unit = pw.TextField(default="")  # 承办科室
    transferred_date = pw.DateField(null=True)
    due_days = pw.IntegerField(null=True)  # working days given to the unit
    due_date = pw.DateField(null=True, index=True)
    due_provisional = pw.BooleanField(default=False)
    answer = pw.TextField(default="")  # the unit's 反馈
    answered_date = pw.DateField(null=True)
    report_method = pw.TextField(default="")  # how the supervisor was told (通报)
    reported_date = pw.DateField(null=True)
    report_note = pw.TextField(default="")
    cannot_reason = pw.TextField(default="")  # 因特殊原因暂时落实不了的 (seed 001 四(二))
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    source = pw.TextField(default="entered")
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "supervisor_opinion"


class OpinionEvent(BaseModel):
    """办理记录: each step taken on an opinion, by whom and when."""
    opinion = pw.ForeignKeyField(Opinion, backref="events", on_delete="CASCADE")
    ts = pw.DateTimeField()
    event_date = pw.DateField()
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    display_name = pw.TextField(default="")
    action = pw.TextField()
    from_stage = pw.TextField(null=True)
    to_stage = pw.TextField(null=True)
    note = pw.TextField(default="")

    class Meta:
        table_name = "supervisor_opinion_event"


class Briefing(BaseModel):
    """按季度通报 (seed 001 四(一)) or a 政务公开工作会议 the supervisors were invited to (seed 001 二(四))."""
    kind = pw.TextField(index=True)  # briefing | meeting
    year = pw.IntegerField(index=True)
    quarter = pw.IntegerField(null=True)  # the quarter a briefing reports on
    held_date = pw.DateField()
    title = pw.TextField()
    content = pw.TextField(default="")
    place = pw.TextField(default="")
    source = pw.TextField(default="entered")
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    created_at = pw.DateTimeField()

    class Meta:
        table_name = "supervisor_briefing"


class Attendance(BaseModel):
    """Who was invited to a briefing or meeting and whether they came."""
    briefing = pw.ForeignKeyField(Briefing, backref="attendance", on_delete="CASCADE")
    supervisor = pw.ForeignKeyField(Supervisor, backref="attendance")
    attended = pw.BooleanField(default=False)
    note = pw.TextField(default="")

    class Meta:
        table_name = "supervisor_attendance"
        indexes = ((("briefing", "supervisor"), True),)


class BriefingFile(BaseModel):
    briefing = pw.ForeignKeyField(Briefing, backref="files", on_delete="CASCADE")
    name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField(default=0)
    added_at = pw.DateTimeField()
    added_by = pw.ForeignKeyField(User, null=True, column_name="added_by")

    class Meta:
        table_name = "supervisor_briefing_file"


class AccessEntry(BaseModel):
    """查阅记录: one record opened or one document viewed or printed in the 档案查阅 view."""
    ts = pw.DateTimeField(index=True)
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    username = pw.TextField()
    display_name = pw.TextField(default="")
    view = pw.TextField()  # the archive view's name
    view_title = pw.TextField(default="")
    record_id = pw.IntegerField()
    record_label = pw.TextField(default="")
    action = pw.TextField()  # open | document_view | document_print
    document = pw.TextField(default="")

    class Meta:
        table_name = "archive_access"
