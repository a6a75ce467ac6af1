"""PNRGOV test inputs: EDIFACT text into grouped messages and normalised pushes, and a builder
for small hand-written pushes. Whole interchanges go through the real reader (``read_body``)."""

from __future__ import annotations

from paxscreen.edifact.envelope import Interchange, read_body
from paxscreen.edifact.messages.pnrgov import PnrgovMessage, group_pnrgov
from paxscreen.normalise.canonical_pnr import PnrPush
from paxscreen.normalise.pnrgov import normalise_pnrgov
from paxscreen.normalise.privacy import PrivacyPolicy

HEADER_FLIGHT = "TVL+210417:0940::1245+LHR+IAD+BA+0217"


def pnrgov_messages(data: bytes | str) -> list[tuple[PnrgovMessage, Interchange]]:
    """Every message of ``data``, grouped, with the interchange it came in."""
    return [
        (group_pnrgov(message), interchange)
        for interchange in read_body(data).interchanges
        for message in interchange.messages
    ]


def pushes(data: bytes | str, policy: PrivacyPolicy | None = None) -> list[PnrPush]:
    policy = policy or PrivacyPolicy()
    return [normalise_pnrgov(m, i, policy) for m, i in pnrgov_messages(data)]


def push(data: bytes | str, policy: PrivacyPolicy | None = None) -> PnrPush:
    (only,) = pushes(data, policy)
    return only


def pnrgov(
    body: str,
    *,
    msg: str | None = "MSG+:22'",
    org: str | None = "ORG+BA:LON'",
    flight: str | None = HEADER_FLIGHT + "'",
    eqn: str | None = "EQN+1'",
    unh_extra: str = "",
) -> str:
    """One PNRGOV 13.1 interchange: UNB (segment 1), UNH (2), then the level-0 segments given
    (each may be left out with None), then ``body`` (SRC groups), UNT and UNZ."""
    header = "".join(part for part in (msg, org, flight, eqn) if part)
    return (
        "UNB+IATA:1+BA+GOV+170420:1200+1'"
        f"UNH+1+PNRGOV:13:1:IA+BA0217{unh_extra}'"
        f"{header}{body}UNT+9+1'UNZ+1+1'"
    )


def codes(result: PnrPush) -> list[str]:
    return [warning.code for warning in result.warnings]
