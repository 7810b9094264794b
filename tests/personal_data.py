"""Valid personal data for tests, computed from the published check algorithms (never
copied from gwsite, so that the tests check gwsite against an independent oracle)."""

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(first17: str) -> str:
    """A 居民身份证号 with its GB 11643 mod-11 check character."""
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def luhn_ok(digits: str) -> bool:
    total = 0
    for k, c in enumerate(reversed(digits)):
        d = int(c) * (2 if k % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def make_card(prefix: str) -> str:
    """``prefix`` plus the one Luhn digit that makes it a valid card number."""
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))
