"""OCR references (OCR-referens) and the payment line of a rent avi, per Bankgirot.

An OCR reference is a number of 2 to 25 digits whose last digit is a check digit by the
10-modul (Luhn) rule. Under Bankgirot's "length check" the next-to-last digit is a length
digit: the total number of digits, check and length digit included, of which only the last
digit is kept (a reference of 12 digits has the length digit 2). Odoo's ``l10n_se`` keeps
the *first* digit of the length instead, which Bankgirot's control rejects for references
of ten digits or more, so the suite does not use it.
"""

MAX_LENGTH = 25
MIN_LENGTH = 2


def luhn_check_digit(digits):
    """The 10-modul (Luhn) check digit of a string of digits: every second digit from the
    right, starting with the last, is doubled (digit sums added), and the check digit
    brings the total up to a multiple of ten."""
    if not digits or not digits.isdigit():
        raise ValueError(f"not a string of digits: {digits!r}")
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def make_reference(base, with_length=True):
    """The OCR reference for ``base`` (a string of digits): ``base`` followed by the length
    digit (unless ``with_length`` is false) and the check digit."""
    if not base or not base.isdigit():
        raise ValueError(f"an OCR reference is built from digits only, not {base!r}")
    length = len(base) + (2 if with_length else 1)
    if length > MAX_LENGTH:
        raise ValueError(f"an OCR reference has at most {MAX_LENGTH} digits")
    if with_length:
        base += str(length % 10)
    return base + luhn_check_digit(base)


def is_valid_reference(reference, with_length=True):
    """True when ``reference`` passes Bankgirot's check digit (and length) control."""
    if not reference or not reference.isdigit():
        return False
    if not MIN_LENGTH + with_length <= len(reference) <= MAX_LENGTH:
        return False
    if with_length and reference[-2] != str(len(reference) % 10):
        return False
    return luhn_check_digit(reference[:-1]) == reference[-1]


def bankgiro_digits(number):
    """The digits of a bankgiro number ("5050-1055" gives "50501055"), checked: seven or
    eight digits whose last is the Luhn check digit."""
    digits = "".join(char for char in number or "" if char.isdigit())
    if len(digits) not in (7, 8) or luhn_check_digit(digits[:-1]) != digits[-1]:
        raise ValueError(f"not a bankgiro number: {number!r}")
    return digits


def format_bankgiro(number):
    """A bankgiro number as it is printed: "5050-1055" (four digits after the dash)."""
    digits = bankgiro_digits(number)
    return f"{digits[:-4]}-{digits[-4:]}"


def payment_line(reference, amount, bankgiro):
    """The machine-readable line at the foot of a Bankgirot inbetalningskort:
    ``# reference #  kronor öre check >  bankgiro#41#``, where the amount's check digit is
    the Luhn digit of its kronor and öre."""
    if not is_valid_reference(reference, with_length=False):
        raise ValueError(f"not an OCR reference: {reference!r}")
    if amount < 0:
        raise ValueError("a payment line cannot ask for a negative amount")
    cents = round(amount * 100)
    kronor, ore = divmod(cents, 100)
    amount_digits = f"{kronor}{ore:02d}"
    return (
        f"# {reference} #  {kronor} {ore:02d}   {luhn_check_digit(amount_digits)} >  "
        f"{bankgiro_digits(bankgiro)}#41#"
    )
