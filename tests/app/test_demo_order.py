"""The modules' demo data is made in the workspace's order (``app.modules.MODULES``) whichever hooks were imported
first: the assessment reads the figures of the modules before it, so it must come after them."""
from app import modules


def test_demos_run_in_the_order_of_the_modules_list(monkeypatch):
    ran = []

    def maker(name):
        def fn(staff, seed):
            ran.append(name)
            return name
        fn.__module__ = name
        return fn

    monkeypatch.setattr(modules, "_DEMO", {})
    for name in ("app.assessment.hooks", "app.elsewhere", "app.complaints.hooks", "app.supervisors.hooks"):
        modules.register_demo(name, maker(name), lambda: None)
    assert modules.fill_demo({}, 1) == ran == ["app.supervisors.hooks", "app.complaints.hooks",
                                               "app.assessment.hooks", "app.elsewhere"]
