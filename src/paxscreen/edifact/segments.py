"""The unit everything above the lexer works with: one EDIFACT segment."""

from __future__ import annotations

from typing import NamedTuple


class Segment(NamedTuple):
    """One segment, with every data element split into its components.

    ``elements[0]`` is the first data element after the tag, and each element is the list of its
    components, so a simple element is a one-item list. Release characters are already resolved.
    ``position`` is the 1-based number of the segment in the received body (UNA not counted, the
    numbering runs on across interchanges), which is what error reports point at.

    A NamedTuple rather than a dataclass: the lexer makes one per segment, and tuple creation is
    the cheapest object Python has.
    """

    tag: str
    elements: list[list[str]]
    position: int

    def value(self, element: int, component: int = 0) -> str:
        """Component ``component`` of data element ``element`` (both 0-based), or "" if absent."""
        elements = self.elements
        if element >= len(elements):
            return ""
        components = elements[element]
        if component >= len(components):
            return ""
        return components[component]

    def components(self, element: int) -> list[str]:
        """All components of data element ``element`` (0-based), or [] if absent."""
        return self.elements[element] if element < len(self.elements) else []
