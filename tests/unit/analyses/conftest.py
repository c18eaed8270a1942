"""Fixtures shared by the analyses' tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import z3


@pytest.fixture
def vragen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every z3 check the analyses make, as z3 saw it: the parameters set on its solver, `lp.dio` (set per
    process) at that moment, the answer, and z3's own counters for it (resource units, integer branches).
    Tests assert on these counts, never on time."""
    log: list[dict[str, Any]] = []
    for cls in (z3.Solver, z3.Optimize):
        oud_set, oud_check = cls.set, cls.check

        def zet(self: Any, *args: Any, _oud: Any = oud_set, **kw: Any) -> None:
            if len(args) == 2:
                self.__dict__.setdefault("_test_gezet", {})[args[0]] = args[1]
            _oud(self, *args, **kw)

        def check(self: Any, *args: Any, _oud: Any = oud_check) -> Any:
            r = _oud(self, *args)
            st = self.statistics()

            def teller(naam: str) -> int:
                return int(st.get_key_value(naam)) if naam in st.keys() else 0

            log.append({"gezet": dict(self.__dict__.get("_test_gezet", {})), "lp.dio": z3.get_param("lp.dio"),
                        "antwoord": r, "eenheden": teller("rlimit count"), "takken": teller("arith-branch")})
            return r

        monkeypatch.setattr(cls, "set", zet)
        monkeypatch.setattr(cls, "check", check)
    yield log
