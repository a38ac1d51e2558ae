"""Run every ``tests/benchmarks/bench_*.py`` (each has ``run() -> list[dict]``), print a table, and with
``--json FILE`` write the rows (keys: name, value, unit, target, reference, ratio, meets).

    python tests/benchmarks/run.py [--rows N] [--database URL] [--reuse URL] [--json FILE] [NAME ...]

``--rows`` sizes the register benchmark (default 50,000 requests); ``--database`` runs it on a PostgreSQL server: the
URL of a database there whose role may create databases (the benchmark makes its own and drops them). ``--reuse``
measures the register on a database ``tests/benchmarks/dataset.py`` built before (a file's ``sqlite:///`` URL or a
server database's), instead of building one: a million requests take ten minutes and more to build.

NAME picks benchmarks by module name (``deadlines`` runs ``bench_deadlines.py``). Exit code 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import common  # noqa: E402
from tests.benchmarks.common import KEYS, table  # noqa: E402


def discover(names: list[str]) -> list[str]:
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if names:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in names}
        unknown = wanted - set(found)
        if unknown:
            raise SystemExit(f"没有这些测量：{'、'.join(sorted(unknown))}（可用：{'、'.join(found)}）")
        found = [f for f in found if f in wanted]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="运行性能测量（tests/benchmarks/bench_*.py），输出表格")
    parser.add_argument("--json", metavar="FILE", help="把结果写成 JSON 文件")
    parser.add_argument("--rows", type=int, metavar="N", help="登记簿测量的申请件数（默认 50000）")
    parser.add_argument("--database", metavar="URL", help="在 PostgreSQL 服务器上测量（可建库的角色的连接地址）")
    parser.add_argument("--reuse", metavar="URL", help="在以前生成的测量数据库上测量登记簿（不重新生成）")
    parser.add_argument("names", nargs="*", metavar="NAME", help="只运行这些测量（如 deadlines）")
    args = parser.parse_args(argv)
    common.OPTIONS.update(rows=args.rows, database=args.database, reuse=args.reuse)
    rows: list[dict] = []
    for module_name in discover(args.names):
        module = importlib.import_module(f"tests.benchmarks.{module_name}")
        print(f"… {module_name}", file=sys.stderr, flush=True)
        for row in module.run():
            missing = [k for k in KEYS if k not in row]
            if missing:
                raise SystemExit(f"{module_name}: 结果缺少字段 {missing}")
            rows.append(row)
    print(table(rows))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    return 1 if any(r["meets"] is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
