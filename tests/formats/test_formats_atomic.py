"""Atomic writes: the target is replaced completely or not at all, and no temporary file is left."""

from __future__ import annotations

import os

import pytest

import annotator.formats.atomic as atomic_module
import annotator.formats.jsonl as jsonl
from annotator.formats.atomic import atomic_write


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "sub" / "out.jsonl"
    with atomic_write(target) as out:
        out.write("uno\n")
    assert target.read_text(encoding="utf-8") == "uno\n"
    with atomic_write(target) as out:
        out.write("due → è\n")
    assert target.read_text(encoding="utf-8") == "due → è\n"
    assert leftovers(target.parent) == []
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_failure_mid_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as out:
            out.write("half of the new")
            raise RuntimeError("disk on fire")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path) == []


def test_failing_rename_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_args):
        raise OSError("read-only file system")

    monkeypatch.setattr(atomic_module.os, "replace", refuse)
    with pytest.raises(OSError):
        with atomic_write(target) as out:
            out.write("new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_export_failing_midway_leaves_the_previous_export(annotated, tmp_path, monkeypatch):
    project, _ = annotated
    target = tmp_path / "export.jsonl"
    jsonl.export_jsonl(project, target)
    before = target.read_bytes()
    real = jsonl.make_record
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first record is already written when this fails
            raise OSError("no space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(jsonl, "make_record", flaky)
    with pytest.raises(OSError):
        jsonl.export_jsonl(project, target, gold=True)
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_binary_mode_and_bad_mode(tmp_path):
    with atomic_write(tmp_path / "b.bin", "wb") as out:
        out.write(b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    with pytest.raises(ValueError):
        with atomic_write(tmp_path / "c", "a"):
            pass
