"""BibTeX import: the work per entry is bounded, whatever one entry holds.

LaTeX decoding grows faster than the text, so one large entry used to pin the CPU for minutes
(issue 11: a 4 MB entry, under the 5 MB upload cap, took 292 s). This measures, in one run,
each against a baseline from the same run:

- ``normal``: reading a file of ordinary entries (braced capitals, accents, en dashes), per
  entry and per KB; the baseline.
- ``oversized``: a file holding one 4 MB entry of the slowest text to decode (accents and
  braces), over the same-size file of ordinary entries. It is refused before it is parsed
  or decoded, so the ratio must stay at most :data:`OVERSIZED_BOUND`.
- ``worst_accepted``: the costliest entry still read (every kept field at its length limit,
  all of it accents and braces), over one ordinary entry. Bounded by the limits in
  ``claimtracker.references``; reported against :data:`WORST_ENTRY_BOUND`.
- ``whole_entry_decoding``: for comparison, decoding whole entries of 64, 128 and 256 KB the
  way the import used to (bibtexparser's LaTeX middleware over every field): seconds per KB
  rise with the size.

Times are CPU seconds of this process (``time.process_time``), so other work on a shared
machine does not count.

    python -m benchmarks.bench_bibtex [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

#: The 4 MB entry may cost at most this times reading 4 MB of ordinary entries.
OVERSIZED_BOUND = 1.0
#: The costliest entry that is still read, over one ordinary entry.
WORST_ENTRY_BOUND = 500.0

SLOW = '{\\"o}{a} '  # accents and braces: the slowest text for the LaTeX decoder


def ordinary(n: int) -> str:
    """An ordinary entry, as reference managers export them."""
    return (
        f"@article{{smith{n},\n"
        f'  author = {{M{{\\"u}}ller, A. and Smith, B. C. and {{Running Club {n}}}}},\n'
        f"  title = {{Graduated compression socks and {{5-km}} running performance in "
        f"trained runners: a randomised crossover trial number {n}}},\n"
        "  journal = {Journal of Sports Sciences},\n"
        f"  year = {{{2000 + n % 25}}},\n  volume = {{25}},\n  number = {{4}},\n"
        "  pages = {413--419},\n"
        f"  doi = {{10.1080/02640410600{n:06d}}},\n"
        "  abstract = {We measured 5-km time in 21 runners wearing compression socks or "
        "ordinary socks, in random order, and found no difference in time.},\n}\n\n"
    )


def ordinary_file(size: int) -> tuple[str, int]:
    """Ordinary entries adding up to about ``size`` bytes, and how many."""
    pieces, total, n = [], 0, 0
    while total < size:
        piece = ordinary(n)
        pieces.append(piece)
        total += len(piece.encode())
        n += 1
    return "".join(pieces), n


def oversized_file(size: int) -> str:
    body = SLOW * (size // len(SLOW))
    return (
        ordinary(0)
        + f"@article{{huge2020,\n  title = {{{body}}},\n  year = {{2020}},\n}}\n\n"
        + ordinary(1)
    )


def worst_accepted_entry() -> str:
    """Every kept field at its limit, all accents and braces."""
    from claimtracker import references

    def fill(chars: int) -> str:
        return SLOW * (chars // len(SLOW))

    title = fill(references.MAX_TITLE_CHARS)
    name = 'M{\\"u}ller{a}, A.'
    authors = " and ".join([name] * (references.MAX_AUTHOR_CHARS // (len(name) + 5)))
    short = fill(references.MAX_FIELD_CHARS)
    fields = {
        "author": authors,
        "title": title,
        "journal": short,
        "volume": short,
        "number": short,
        "pages": short,
        "year": "2020",
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    entry = f"@article{{worst2020,\n{body}\n}}\n"
    assert len(entry.encode()) <= references.MAX_ENTRY_BYTES, len(entry)
    return entry


def best(seconds: Callable[[], float], repeat: int) -> float:
    return min(seconds() for _ in range(repeat))


def timed(text: str, expect_rejected: int) -> float:
    from claimtracker.references import read_bibtex

    start = time.process_time()
    citations, rejected = read_bibtex(text)
    elapsed = time.process_time() - start
    assert len(rejected) == expect_rejected, [r.reason for r in rejected]
    return elapsed


def whole_entry_decoding(kb: int) -> float:
    """Seconds to decode one entry of ``kb`` KB with bibtexparser's LaTeX middleware."""
    import bibtexparser
    from bibtexparser import middlewares

    text = f"@article{{big,\n  title = {{{SLOW * (kb * 1024 // len(SLOW))}}},\n}}\n"
    start = time.process_time()
    bibtexparser.parse_string(  # type: ignore[attr-defined]
        text, append_middleware=[middlewares.LatexDecodingMiddleware()]
    )
    return time.process_time() - start


def measure(
    repeat: int = 3, *, whole: tuple[int, ...] = (64, 128, 256)
) -> dict[str, Any]:
    """Every figure of this benchmark, as a dict for docs/performance.json."""
    size = 4 * 1024 * 1024
    huge = oversized_file(size)
    same_size, entries = ordinary_file(len(huge.encode()))
    small, small_entries = ordinary_file(64 * 1024)
    normal_s = best(lambda: timed(same_size, 0), repeat)
    small_s = best(lambda: timed(small, 0), repeat)
    oversized_s = best(lambda: timed(huge, 1), repeat)
    worst_s = best(lambda: timed(worst_accepted_entry(), 0), repeat)
    per_entry = small_s / small_entries
    decoding = {f"{kb} KB": round(whole_entry_decoding(kb), 2) for kb in whole}
    oversized_ratio = oversized_s / normal_s
    worst_ratio = worst_s / per_entry
    return {
        "normal_entries": entries,
        "normal_s": round(normal_s, 3),
        "normal_ms_per_entry": round(per_entry * 1000, 3),
        "oversized_4mb_s": round(oversized_s, 3),
        "oversized_over_same_size_normal": round(oversized_ratio, 3),
        "oversized_bound": OVERSIZED_BOUND,
        "oversized_within_bound": oversized_ratio <= OVERSIZED_BOUND,
        "worst_accepted_entry_s": round(worst_s, 3),
        "worst_accepted_over_normal_entry": round(worst_ratio, 1),
        "worst_entry_bound": WORST_ENTRY_BOUND,
        "worst_within_bound": worst_ratio <= WORST_ENTRY_BOUND,
        "whole_entry_decoding_s": decoding,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeat), indent=2))


if __name__ == "__main__":
    main()
