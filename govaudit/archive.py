"""``govaudit archive DIR``: the browsable index of every district × month under DIR (``reports.archive``)."""

from __future__ import annotations

import argparse

from govaudit.errors import EXIT_OK, UsageError
from reports.archive import write_archive
from reports.compare import district_folders


def cmd_archive(args: argparse.Namespace) -> int:
    if not district_folders([args.dir]) or (args.dir / "audit.db").is_file():
        raise UsageError(f"{args.dir} 中没有区县审计结果（应为每个区县一个含 audit.db 的子目录）")
    path = write_archive(args.dir, issuer=args.issuer)
    print(f"检查档案：{path}（每月的区县对比和检查情况通报在 {args.dir / 'monthly'}）")
    return EXIT_OK
