#!/usr/bin/env python3
"""Puts the outputs of docs/guide/transcript.txt into docs/guide.md, under their commands.

In the guide, a command's output is the rest of the ```console block that starts with it;
run-guide.sh calls this after a full run, so the outputs shown are the ones just produced.
"""
import re
import sys
from pathlib import Path

guide_path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/guide.md")
transcript_path = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/guide/transcript.txt")

outputs = {}
for entry in re.split(r"\n(?=\$ )", transcript_path.read_text()):
    if not entry.startswith("$ "):
        continue
    command, _, rest = entry.partition("\n")
    body = re.sub(r"\n?\[exit \d+\]\s*$", "", rest.rstrip("\n"))
    outputs[command] = body

lines = guide_path.read_text().split("\n")
result, i, spliced = [], 0, 0
while i < len(lines):
    line = lines[i]
    result.append(line)
    if line.startswith("```console") and i + 1 < len(lines) and lines[i + 1] in outputs:
        command = lines[i + 1]
        result.append(command)
        i += 2
        while i < len(lines) and not lines[i].startswith("```"):
            i += 1  # the old output
        if outputs[command]:
            result.append(outputs[command])
        spliced += 1
        continue
    i += 1
guide_path.write_text("\n".join(result))
print(f"spliced the output of {spliced} commands into {guide_path}")
