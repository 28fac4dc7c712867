"""``python -m spiegel_tui.privacy``: a request as JSON on stdin, findings on stdout.

With ``--build-cache`` it only builds the word-list cache (for installers and CI).
"""

from __future__ import annotations

import json
import sys

from spiegel_tui.privacy.findings import Text, Vocabulary
from spiegel_tui.privacy.lookup import ensure_cache
from spiegel_tui.privacy.scan import scan


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--build-cache"]:
        sys.stdout.write(f"{ensure_cache()}\n")
        return 0
    try:
        request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        texts = [Text(str(t["id"]), str(t["text"])) for t in request["texts"]]
        vocabulary = Vocabulary.of(request.get("protected", ()), request.get("labels", {}))
    except (ValueError, KeyError, TypeError, AttributeError):
        # Never echo the input: it holds note text.
        sys.stderr.write("Ongeldige aanvraag voor de privacycontrole.\n")
        return 2
    findings = scan(texts, vocabulary)
    out = json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False)
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
