"""The project file (.rwp): one SQLite file holding every revision of a report and its photos.

Every save is a new revision written in one transaction. The journal mode is DELETE with
synchronous=FULL rather than WAL, so that a closed project is always one self-contained file the
writer can copy or mail. Files that are not ours, from a newer version, or damaged are reported and
never written to: they are opened read-only first and checked before any write.

A save cut short (power cut, kill) leaves a "hot" rollback journal beside the file. SQLite can only
roll it back through a read-write connection, so a read-only check would call an intact project
damaged. Such a file is rolled back first (see `_settle_hot_journal`): in place when the folder is
writable, else on a private copy, and the last committed save is what the writer sees.
"""

from __future__ import annotations

import getpass
import json
import logging
import math
import os
import shutil
import socket
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from report_writer.core.images import ImageError, media_from_bytes
from report_writer.core.model import ModelError, Report
from report_writer.core.processes import process_alive
from report_writer.core.sanitize import check_report, clean_text

log = logging.getLogger(__name__)

APPLICATION_ID = 0x52575031  # "RWP1"
SCHEMA_VERSION = 1
# Each kind of revision, with the name the history (window and `report-writer history`) shows for it.
REVISION_KINDS = {
    "save": "保存",
    "autosave": "自动保存",
    "import": "导入",
    "rollover": "转入新年度",
    "restore": "恢复",
    "new": "新建",
}
AUTOSAVES_KEPT = 10

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE revision (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at REAL NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL
);
CREATE TABLE media (
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL
);
"""


class ProjectError(Exception):
    """A project file problem, with a message for the user in Chinese."""


class ProjectLockedError(ProjectError):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"项目文件 {path.name} 正由 {holder} 打开。可以以只读方式打开，或请对方先关闭。")
        self.holder = holder


class ProjectReadOnlyError(ProjectError):
    """The file can be read but not written here: the app offers to open it read-only."""


@dataclass(frozen=True)
class RevisionInfo:
    id: int
    saved_at: float
    kind: str
    label: str

    @property
    def saved_at_text(self) -> str:
        return datetime.fromtimestamp(self.saved_at).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def kind_name(self) -> str:
        return REVISION_KINDS.get(self.kind, self.kind)


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _describe_holder() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()} (进程 {os.getpid()})"


def _process_started(pid: int) -> str | None:
    """When a process started (Linux: clock ticks since boot), to tell a reused pid from the holder."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _lock_is_stale(lock: Path) -> bool:
    try:
        info = json.loads(lock.read_text(encoding="utf-8"))
        if not isinstance(info, dict):
            return True
        pid = int(info.get("pid", 0))
    except (OSError, ValueError, TypeError):
        return True
    if info.get("host") != socket.gethostname():
        return False  # another machine's process: cannot tell, respect the lock
    if not process_alive(pid):  # not os.kill(pid, 0) directly: on Windows that terminates the holder
        return True
    started = info.get("started")
    # The pid is alive, but if it started at another moment it is a new process that reused the pid.
    return bool(started) and _process_started(pid) not in (None, started)


def _journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _has_hot_journal(path: Path) -> bool:
    """A non-empty rollback journal: a save was cut short (or is running right now in another process;
    SQLite itself tells the two apart by its locks, so rolling back through it is always safe)."""
    try:
        return _journal_path(path).stat().st_size > 0
    except OSError:
        return False


def _roll_back(path: Path) -> None:
    """Open read-write and read once: SQLite rolls a hot journal back to the last committed save."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def _recovered_copy(path: Path) -> tuple[Path, Path]:
    """The file and its journal copied to a private folder and rolled back there (the original folder
    is read-only). Returns the copy and the folder to remove when done."""
    folder = Path(tempfile.mkdtemp(prefix="report-writer-recover-"))
    copy = folder / "project.rwp"
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(_journal_path(path), _journal_path(copy))
        _roll_back(copy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy, folder


def _settle_hot_journal(path: Path, in_place: bool) -> tuple[Path, Path | None]:
    """Where to read `path` from once an interrupted save is rolled back: the file itself, or a
    recovered copy (with its folder, to remove on close) when the file or folder is read-only."""
    if not _has_hot_journal(path):
        return path, None
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        if in_place and writable:
            log.info("rolling back an interrupted save in %s", path)
            _roll_back(path)
            return path, None
        log.info("rolling back an interrupted save of %s on a private copy", path)
        return _recovered_copy(path)
    except (sqlite3.Error, OSError) as exc:
        log.info("rollback of %s failed: %s", path, exc)
        raise ProjectError(
            f"项目文件 {path.name} 上次保存时被中断，且无法恢复到上一次保存。请从备份或其他副本恢复。"
        ) from exc


def _check_header(path: Path) -> None:
    if not path.exists():
        raise ProjectError(f"找不到项目文件：{path}")
    if path.is_dir():
        raise ProjectError(f"{path} 是文件夹，不是项目文件。")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError as exc:
        raise ProjectError(
            f"没有读取 {path.name} 的权限。请检查文件权限，或复制到自己的文件夹后再打开。"
        ) from exc
    except OSError as exc:
        raise ProjectError(
            f"无法读取 {path.name}（{exc.strerror or '读取失败'}）。请检查文件或磁盘后重试。"
        ) from exc
    if not header.startswith(b"SQLite format 3\x00"):
        raise ProjectError(f"{path.name} 不是 report-writer 项目文件（.rwp），或文件已损坏。")


def _check_database(path: Path, name: str | None = None) -> None:
    """Validate without writing: ours, not newer, not damaged. `name` is what the writer calls the
    file when `path` is a recovered copy."""
    name = name or path.name
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ProjectError(f"{name} 是 SQLite 数据库，但不是 report-writer 项目文件。")
            if version > SCHEMA_VERSION:
                raise ProjectError(
                    f"{name} 由更新版本的 report-writer 创建（格式 {version}），请升级本程序后再打开。"
                )
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                log.info("quick_check of %s: %s", path, result)
                raise ProjectError(f"项目文件 {name} 已损坏，无法读取。请从备份或其他副本恢复。")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = sorted({"meta", "revision", "media"} - tables)
            if missing:
                raise ProjectError(
                    f"项目文件 {name} 缺少数据表 {'、'.join(missing)}，已损坏。请从备份或其他副本恢复。"
                )
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        log.info("reading %s: %s", path, exc)
        raise ProjectError(f"项目文件 {name} 已损坏，无法读取。请从备份或其他副本恢复。") from exc


class Project:
    """An open .rwp file. Use `Project.create` or `Project.open`; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool, locked: bool) -> None:
        self.path = path
        self._conn = conn
        self.readonly = readonly
        self._locked = locked
        self._recovery_folder: Path | None = None  # a rolled-back private copy, removed on close
        self.load_warnings: list[str] = []  # what the last load cleaned (control characters …)

    # ---- opening and closing ----------------------------------------------------------------

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], report: Report, kind: str = "new", label: str = ""
    ) -> Project:
        """Create a new project file at `path` (which must not exist) holding `report`."""
        target = Path(path)
        if target.exists():
            raise ProjectError(f"文件已存在：{target}")
        if not os.access(target.parent, os.W_OK):
            raise ProjectError(f"没有权限在 {target.parent} 中保存文件，请换一个文件夹。")
        try:
            conn = sqlite3.connect(target, isolation_level=None)
        except sqlite3.Error as exc:
            log.info("creating %s: %s", target, exc)
            raise ProjectError(f"无法创建项目文件 {target.name}，请检查文件夹权限和磁盘空间。") from exc
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA synchronous=FULL")
            with _transaction(conn):
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                for statement in _SCHEMA.strip().split(";\n"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO meta VALUES ('created_at', ?)", (str(time.time()),))
        except sqlite3.Error as exc:
            conn.close()
            target.unlink(missing_ok=True)
            log.info("creating %s: %s", target, exc)
            raise ProjectError(f"无法创建项目文件 {target.name}，请检查文件夹权限和磁盘空间。") from exc
        project = cls(target, conn, readonly=False, locked=False)
        project._acquire_lock()
        project.save(report, kind=kind, label=label)
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], readonly: bool = False) -> Project:
        target = Path(path)
        _check_header(target)
        if not readonly and not os.access(target, os.W_OK):
            raise ProjectReadOnlyError(f"没有写入 {target.name} 的权限，可以以只读方式打开。")
        if not readonly and _has_hot_journal(target) and not os.access(target.parent, os.W_OK):
            raise ProjectReadOnlyError(
                f"{target.name} 上次保存时被中断，而所在文件夹不可写，不能在原处修复。"
                "可以以只读方式打开（内容是上一次保存的）。"
            )
        source, recovery_folder = _settle_hot_journal(target, in_place=True)
        try:
            _check_database(source, target.name)
            if readonly:
                conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
                project = cls(target, conn, readonly=True, locked=False)
                project._recovery_folder = recovery_folder
                return project
        except BaseException:
            if recovery_folder is not None:
                shutil.rmtree(recovery_folder, ignore_errors=True)
            raise
        conn = sqlite3.connect(target, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        project = cls(target, conn, readonly=False, locked=False)
        try:
            project._acquire_lock()
        except ProjectError:
            conn.close()
            raise
        return project

    def close(self) -> None:
        self._conn.close()
        if self._locked:
            _lock_path(self.path).unlink(missing_ok=True)
            self._locked = False
        if self._recovery_folder is not None:
            shutil.rmtree(self._recovery_folder, ignore_errors=True)
            self._recovery_folder = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire_lock(self) -> None:
        lock = _lock_path(self.path)
        if lock.exists() and not _lock_is_stale(lock):
            try:
                holder = json.loads(lock.read_text(encoding="utf-8")).get("holder", "另一个程序")
            except (OSError, ValueError):
                holder = "另一个程序"
            raise ProjectLockedError(self.path, holder)
        info = {
            "holder": _describe_holder(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "at": time.time(),
            "started": _process_started(os.getpid()),
        }
        try:
            lock.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
            self._locked = True
        except OSError:
            self._locked = False  # a read-only folder: still usable, just unlocked

    # ---- writing ----------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.readonly:
            raise ProjectError("项目以只读方式打开，不能保存。请用“另存为”保存为新文件。")

    def save(self, report: Report, kind: str = "save", label: str = "") -> int:
        """Write `report` as a new revision (with any new photos) in one transaction; return its id."""
        self._writable()
        if kind not in REVISION_KINDS:
            raise ValueError(kind)
        body = json.dumps(report.to_dict(), ensure_ascii=False)
        try:
            body.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a paste: SQLite would refuse the whole save
            body = clean_text(body)
        needed = report.referenced_media()
        try:
            with _transaction(self._conn):
                have = {row[0] for row in self._conn.execute("SELECT sha256 FROM media")}
                for sha in sorted(needed - have):
                    item = report.media.get(sha)
                    if item is None:
                        raise ProjectError(f"报告引用的图片 {sha[:12]}… 不在内存中，无法保存。")
                    self._conn.execute(
                        "INSERT INTO media VALUES (?, ?, ?, ?, ?)",
                        (item.sha256, item.mime, item.width, item.height, item.data),
                    )
                cursor = self._conn.execute(
                    "INSERT INTO revision (saved_at, kind, label, body) VALUES (?, ?, ?, ?)",
                    (time.time(), kind, label, body),
                )
                revision_id = int(cursor.lastrowid or 0)
                if kind == "autosave":
                    self._prune_autosaves()
        except sqlite3.Error as exc:
            raise ProjectError(f"保存失败：{exc}。文件中的上一次保存仍然完好。") from exc
        return revision_id

    def _prune_autosaves(self) -> None:
        self._conn.execute(
            "DELETE FROM revision WHERE kind = 'autosave' AND id NOT IN "
            "(SELECT id FROM revision WHERE kind = 'autosave' ORDER BY id DESC LIMIT ?)",
            (AUTOSAVES_KEPT,),
        )

    def set_label(self, revision_id: int, label: str) -> None:
        self._writable()
        with _transaction(self._conn):
            cursor = self._conn.execute("UPDATE revision SET label = ? WHERE id = ?", (label, revision_id))
            if cursor.rowcount == 0:
                raise ProjectError(f"没有编号为 {revision_id} 的版本。")

    def restore(self, revision_id: int) -> int:
        """Make an old revision current by saving a copy of it as a new revision."""
        report = self.load(revision_id)
        old = self.revision_info(revision_id)
        return self.save(
            report,
            kind="restore",
            label=f"恢复自 {old.saved_at_text}" + (f"（{old.label}）" if old.label else ""),
        )

    # ---- reading ----------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Rows of a read; a damaged or hand-edited file is a ProjectError, not a crash."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # text that is not UTF-8 after damage
            log.info("reading %s: %s", self.path, exc)
            raise ProjectError(
                f"项目文件 {self.path.name} 已损坏，无法读取。请从备份或其他副本恢复。"
            ) from exc

    def _revision_info(self, row: tuple[object, ...]) -> RevisionInfo:
        revision_id, saved_at, kind, label = row
        if (
            not isinstance(revision_id, int)
            or not isinstance(saved_at, int | float)
            or not isinstance(kind, str)
            or not isinstance(label, str)
            or not math.isfinite(saved_at)
            or not 0 <= saved_at < 1e11
        ):
            raise ProjectError(
                f"项目文件 {self.path.name} 的版本表（revision，编号 {revision_id!r}）数据类型不对，已损坏。"
                "请从备份或其他副本恢复。"
            )
        return RevisionInfo(revision_id, float(saved_at), kind, clean_text(label)[:200])

    def revisions(self) -> list[RevisionInfo]:
        rows = self._query("SELECT id, saved_at, kind, label FROM revision ORDER BY id")
        return [self._revision_info(row) for row in rows]

    def revision_info(self, revision_id: int) -> RevisionInfo:
        rows = self._query("SELECT id, saved_at, kind, label FROM revision WHERE id = ?", (revision_id,))
        if not rows:
            raise ProjectError(f"没有编号为 {revision_id} 的版本。")
        return self._revision_info(rows[0])

    def latest_revision(self, include_autosave: bool = True) -> RevisionInfo:
        query = "SELECT id, saved_at, kind, label FROM revision"
        if not include_autosave:
            query += " WHERE kind != 'autosave'"
        rows = self._query(query + " ORDER BY id DESC LIMIT 1")
        if not rows:
            raise ProjectError(f"项目文件 {self.path.name} 中没有任何版本。")
        return self._revision_info(rows[0])

    def pending_recovery(self) -> RevisionInfo | None:
        """An autosave newer than the last real save, which the app offers to recover."""
        latest = self.latest_revision()
        return latest if latest.kind == "autosave" else None

    def load(self, revision_id: int | None = None, include_autosave: bool = False) -> Report:
        """Load a revision (default: the newest that is not an autosave) with its photos.

        Every value is checked (types, NaN, text, lengths, budgets; core/sanitize.py) and every
        photo decoded, so what a hand-edited or damaged file holds cannot reach export or the app."""
        if revision_id is None:
            revision_id = self.latest_revision(include_autosave=include_autosave).id
        rows = self._query("SELECT body FROM revision WHERE id = ?", (revision_id,))
        if not rows:
            raise ProjectError(f"没有编号为 {revision_id} 的版本。")
        body = rows[0][0]
        try:
            if not isinstance(body, str):
                raise ModelError(f"内容应为文字，实际是 {type(body).__name__}")
            report = Report.from_dict(json.loads(body, parse_constant=_reject_constant))
            self.load_warnings = check_report(report)
        except RecursionError as exc:
            raise ProjectError(
                f"版本 {revision_id} 的内容嵌套过深，无法读取。请从其他版本或备份恢复。"
            ) from exc
        except (ValueError, ModelError) as exc:
            message = str(exc) if isinstance(exc, ModelError) else "不是有效的 JSON"
            raise ProjectError(
                f"版本 {revision_id} 的内容无法读取：{message[:300]}。请从其他版本或备份恢复。"
            ) from exc
        for sha in sorted(report.referenced_media()):
            media_rows = self._query(
                "SELECT sha256, mime, width, height, data FROM media WHERE sha256 = ?", (sha,)
            )
            if not media_rows:
                raise ProjectError(f"版本 {revision_id} 引用的图片 {sha[:12]}… 在文件中缺失。")
            data = media_rows[0][4]
            try:
                if not isinstance(data, bytes):
                    raise ImageError(f"数据类型是 {type(data).__name__}")
                # Header and checksum here (fast); the body was decoded in full when it came in.
                item = media_from_bytes(data, decode=False)
                if item.sha256 != sha:
                    raise ImageError("图片数据与其校验值不符")
                report.media[sha] = item
            except ImageError as exc:
                raise ProjectError(
                    f"版本 {revision_id} 中的图片 {sha[:12]}… 已损坏（{exc}）。请从其他版本或备份恢复。"
                ) from exc
        return report


def _reject_constant(name: str) -> float:
    raise ModelError(f"含有不是数字的数值 {name}")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def write_new_project(
    path: str | os.PathLike[str], report: Report, force: bool = False, kind: str = "new"
) -> None:
    """Create a project at `path`; with `force`, replace an existing file atomically.

    The new file is built beside the target and moved over it with os.replace, so at every instant
    the path holds either the old project or the complete new one.
    """
    target = Path(path)
    if target.exists() and not force:
        raise ProjectError(f"文件已存在：{target}。如需覆盖，请加 --force。")
    if target.is_dir():
        raise ProjectError(f"{target} 是文件夹。")
    if not target.parent.exists():
        raise ProjectError(f"文件夹不存在：{target.parent}")
    if target.exists() and _lock_path(target).exists() and not _lock_is_stale(_lock_path(target)):
        raise ProjectError(f"{target.name} 正被打开，不能覆盖。请先关闭它。")
    if not os.access(target.parent, os.W_OK):
        raise ProjectError(f"没有权限在 {target.parent} 中保存文件，请换一个文件夹。")
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    try:
        Project.create(temp, report, kind=kind).close()
        os.replace(temp, target)
    except PermissionError as exc:
        raise ProjectError(f"没有权限写入 {target}。") from exc
    except OSError as exc:
        raise ProjectError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
        _lock_path(temp).unlink(missing_ok=True)
