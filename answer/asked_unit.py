"""The unit a question asks for: one unit, as figures carry it, or any unit of a kind (money in any
currency, any unit of a size), which no figure's unit is."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.model import Unit, UnitKey


@dataclass(frozen=True, slots=True)
class AskedUnit:
    """ "bao nhiêu tập thể" asks for one unit; "kinh phí" for money in any currency, "giá bao nhiêu
    một lượng" for any currency per lượng, "độ cao" for any unit of length."""

    text: str  # as the question names it: "tập thể", "%", "tiền", "lượng", "độ cao"
    unit: Unit | None = None  # the one unit that answers; None when any unit of a kind does
    any_currency: bool = False  # an amount of money, in whatever currency the article uses
    per: str | None = None  # with any currency: a price per this, lower-case ("lượng")
    size: str | None = None  # any unit of this size answers ("length"; vocabulary [sizes])

    @classmethod
    def of(cls, unit: Unit) -> AskedUnit:
        return cls(unit.text, unit)

    @property
    def is_count(self) -> bool:
        return self.unit is not None and self.unit.is_count

    @property
    def noun(self) -> str | None:
        """What a count asked for counts ("tập thể")."""
        return self.unit.noun if self.unit is not None else None

    @property
    def key(self) -> UnitKey | None:
        """The key of the one unit asked for; None when any unit of a kind answers."""
        return self.unit.key if self.unit is not None else None

    @property
    def counted(self) -> UnitKey | None:
        """The key of the count asked for, by which its figures are looked up; None if no count is."""
        return self.unit.key if self.unit is not None and self.unit.is_count else None
