#!/usr/bin/env python3
"""Line coverage of Sextant's own code (src/Sextant.*) over every test project's Cobertura report (Microsoft's code
coverage collector, or coverlet's), each line counted once: a line is covered when any test project covered it.
Prints one line for .ci/run."""
import glob
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
lines = {}
reports = glob.glob(f"{results}/**/*cobertura.xml", recursive=True)
for report in reports:
    root = ET.parse(report).getroot()
    sources = [s.text or "" for s in root.iter("source")]
    for cls in root.iter("class"):
        name = cls.get("filename", "")
        path = name if name.startswith("/") or not sources else sources[0].rstrip("/") + "/" + name
        if "/src/Sextant." not in path.replace("\\", "/") or "/obj/" in path:
            continue
        for line in cls.iter("line"):
            key = (path, line.get("number"))
            lines[key] = lines.get(key, False) or int(line.get("hits", "0")) > 0

if not lines:
    print(f"line coverage: not measured ({len(reports)} coverage report(s) found)")
else:
    covered = sum(lines.values())
    print(f"line coverage: {100 * covered / len(lines):.1f}% of src/ ({covered:,} of {len(lines):,} lines, {len(reports)} coverage reports)")
