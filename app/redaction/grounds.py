"""The grounds a mark may carry: the withheld part of a 部分公开 (条例第三十七条) and the content removed by 非密处理
(seed 002 第十二条, seed 004 第十三条) rest on 条例第十四条 (国家秘密, 法律行政法规禁止公开, 三安全一稳定), 第十五条 (商业秘密、
个人隐私: 第三方合法权益) or 第十六条 (内部事务信息, 过程性信息, 行政执法案卷). They are the refusal grounds of the outcome
taxonomy (``catalog.WITHHOLDING_GROUNDS``), so a mark's ground is also the ground the 部分公开告知书 names."""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import ValidationError
from app.requests import catalog


@dataclass(frozen=True)
class Ground:
    code: str  # the outcome code of the refusal ground, refuse_1 … refuse_7
    label: str  # 属于国家秘密
    article: str  # 第十四条

    @property
    def text(self) -> str:
        """“条例第十五条：保护第三方合法权益”: how the 区分处理记录 names it."""
        return f"条例{self.article}（{self.label}）"


def _article(code: str) -> str:
    basis = catalog.OUTCOMES[code].basis
    return basis.split("、", 1)[1] if "、" in basis else basis


GROUNDS: dict[str, Ground] = {code: Ground(code, label, _article(code))
                              for code, label in catalog.WITHHOLDING_GROUNDS.items()}

# Words a clerk types for a ground, beside its code, label and article.
_ALIASES = {"国家秘密": "refuse_1", "商业秘密": "refuse_4", "个人隐私": "refuse_4", "隐私": "refuse_4",
            "个人信息": "refuse_4", "第三方": "refuse_4", "内部事务": "refuse_5", "过程性信息": "refuse_6",
            "执法案卷": "refuse_7", "行政执法案卷": "refuse_7"}


def parse(text: str) -> Ground:
    """The ground a clerk named: its code (refuse_4), its label, one of the usual words (个人隐私), or its article when
    that article holds a single ground (第十五条); an article with several (第十四条) must be told which."""
    value = "".join((text or "").split())
    if not value:
        raise ValidationError("理由", "请选择不予公开的理由（条例第十四条、第十五条或第十六条）")
    if value in GROUNDS:
        return GROUNDS[value]
    bare = value.removeprefix("条例").removeprefix("《中华人民共和国政府信息公开条例》")
    for ground in GROUNDS.values():
        if bare in (ground.label, ground.label.removeprefix("属于"), ground.text):
            return ground
    if bare in _ALIASES:
        return GROUNDS[_ALIASES[bare]]
    by_article = [g for g in GROUNDS.values() if g.article == bare or g.article.startswith(bare)]
    if len({g.code for g in by_article}) == 1:
        return by_article[0]
    if by_article:
        choices = "、".join(f"{g.label}（{g.article}）" for g in by_article)
        raise ValidationError("理由", f"{bare}有几种情形，请写明是哪一种：{choices}")
    raise ValidationError("理由", f"“{text}”不是不予公开的理由；应为条例第十四条、第十五条或第十六条的情形，如："
                                f"{'、'.join(g.label for g in GROUNDS.values())}")
