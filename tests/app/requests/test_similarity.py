"""Repeated requests are recognised by wording, not only by identical text."""
from app.requests.similarity import SIMILAR, similarity


def test_same_and_reworded_requests_are_similar():
    a = "2025年城关镇农村危房改造补助资金发放名单"
    assert similarity(a, a) == 1.0
    assert similarity(a, "请公开城关镇2025年农村危房改造补助资金的发放名单") >= SIMILAR
    assert similarity(a, "申请公开：城关镇 2025 年 农村危房改造补助资金 发放名单。") >= SIMILAR


def test_different_requests_are_not():
    assert similarity("2025年城关镇农村危房改造补助资金发放名单", "县人民医院新建住院楼环境影响评价报告") < SIMILAR
    assert similarity("", "任何内容") == 0.0
    # boilerplate words alone do not make two requests similar
    assert similarity("申请公开相关政府信息文件", "请求提供有关政府信息") < SIMILAR
