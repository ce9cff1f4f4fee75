#!/usr/bin/env python3
"""Every string the desktop app shows is translated into Dutch, and the translation keeps the
source's placeholders (%1, %n) and its keyboard mnemonic (one '&').

Runs lupdate over the sources, exactly as the update_translations target does, into a copy of
translations/twofold_nl.ts, so a string added without running lupdate is caught too.
  check_translations.py LUPDATE SOURCE_DIR
"""
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

lupdate, root = sys.argv[1], Path(sys.argv[2])
committed = root / "translations" / "twofold_nl.ts"
problems = []

with tempfile.TemporaryDirectory() as scratch:
    updated = Path(scratch) / "twofold_nl.ts"
    shutil.copy(committed, updated)
    run = subprocess.run([lupdate, str(root / "ui"), str(root / "app" / "twofold"),
                          "-extensions", "cpp,h", "-no-obsolete", "-locations", "none",
                          "-ts", str(updated)], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"lupdate failed:\n{run.stdout}{run.stderr}")
    tree = ET.parse(updated)


def placeholders(text):
    return sorted(re.findall(r"%(?:\d+|n)", text))


def mnemonics(text):
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


count = 0
for context in tree.getroot().iter("context"):
    name = context.findtext("name")
    for message in context.iter("message"):
        count += 1
        source = message.findtext("source") or ""
        translation = message.find("translation")
        where = f"{name}: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(f"not translated (run update_translations, then translate): {where}")
            continue
        for form in forms:
            # A plural form may spell the number out ("één"), so %n is not required in it.
            want = [p for p in placeholders(source) if message.get("numerus") != "yes" or p != "%n"]
            got = [p for p in placeholders(form) if message.get("numerus") != "yes" or p != "%n"]
            if want != got:
                problems.append(f"placeholders {want} became {got}: {where} -> {form!r}")
            if mnemonics(source) != mnemonics(form):
                problems.append(f"mnemonics differ: {where} -> {form!r}")

if problems:
    print("\n".join(problems))
    sys.exit(f"{len(problems)} problem(s) in {count} messages of {committed.name}")
print(f"{count} messages, all translated, placeholders and mnemonics kept")
