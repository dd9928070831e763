"""Normalised keys of a partner's name, phone numbers and e-mail: plain strings in, plain strings
out (unit-tested on their own). The duplicate check (查重) compares them, and they are what a
search by phone or name matches against, so a query must be normalised with the same functions.

- ``phone_key``: the digits of a Chinese number as dialled inside China (its national form):
  mobiles as 11 digits (13812345678), fixed lines with their area code and trunk 0
  (02062567315); the country code (+86, 0086, 86), spaces, dashes, dots, brackets, full-width
  characters and an extension (转 8001, ext. 8001, -8001 after a full number) are dropped. A
  number typed without its area code (62567315) stays as it is: it exists in every city, so it
  is not taken for 020-62567315. Foreign numbers keep their country code (+852 2123 4567 →
  85221234567). Fewer than 7 digits: no key.
- ``email_key``: the address, lower-case, without spaces (``"Wang <W@X.cn>"`` → ``w@x.cn``).
- ``name_key``: the name without its legal form, case, spaces, punctuation or full-width forms:
  深圳华信电子有限公司 = 深圳华信电子股份有限公司 = 深圳 华信电子 = "Huaxin Electronics Co., Ltd." vs
  "HUAXIN ELECTRONICS LTD". What names another company is kept: 集团 (a group is not its
  member), a branch (广州分公司), a region in brackets (华信（深圳）), a city prefix.
"""
import re
import unicodedata

MIN_PHONE_DIGITS = 7
# legal forms (after NFKC and case folding); the longest first, removed anywhere before a branch
CN_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
EN_LEGAL_FORMS = {"co", "company", "corp", "corporation", "inc", "incorporated", "limited", "ltd",
                  "llc", "plc", "gmbh", "pte", "sa"}
_EXTENSION = re.compile(r"(转|分机|ext\.?|x|#).*$", re.IGNORECASE)
_TRAILING_EXTENSION = re.compile(r"^(.*\d)\s*-\s*\d{1,5}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _plain(value):
    """Full-width letters, digits and signs (０２０－（）＋Ｃｏ) as their ASCII forms."""
    return unicodedata.normalize("NFKC", value or "").strip()


def phone_key(value):
    """'+86 (20) 6256-7315' → '02062567315'; '138 1234 5678' → '13812345678'; see the module."""
    text = _EXTENSION.sub("", _plain(value))
    extension = _TRAILING_EXTENSION.match(text)
    if extension and _is_full_number(_national(extension.group(1))):
        text = extension.group(1)  # 020-62567315-8001: the switchboard, not 15 digits
    digits = _national(text)
    return digits if len(digits) >= MIN_PHONE_DIGITS else False


def _national(text):
    """The digits of a number, the Chinese country code replaced by the trunk 0 where due."""
    international = text.startswith("+")
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00"):
        digits, international = digits[2:], True
    if digits.startswith("86") and (international or len(digits) >= 12):
        national = digits[2:].lstrip("0")  # "+86 (0)755 ..." is written too
        return national if _MOBILE.match(national) else "0" + national
    return digits


def _is_full_number(digits):
    """A mobile, or a fixed line with its area code (0 + 2-3 digits + 7-8 digits)."""
    return bool(_MOBILE.match(digits)) or (digits.startswith("0") and 10 <= len(digits) <= 12)


def email_key(value):
    """The lower-case address of 'Name <addr>' or 'addr', or False without an '@'."""
    text = _plain(value).lower()
    match = re.search(r"<([^>]*)>", text)
    address = re.sub(r"\s+", "", match.group(1) if match else text)
    return address if "@" in address.strip("@") else False


def name_key(value):
    """The name of a company without its legal form, spaces, punctuation and case; see the module."""
    text = _plain(value).casefold()
    words = [w for w in re.split(r"[\s\W_]+", text) if w]
    while words and words[-1] in EN_LEGAL_FORMS:  # "co., ltd." → ["co", "ltd"]
        words.pop()
    text = "".join(words)
    for form in CN_LEGAL_FORMS:
        text = text.replace(form, "")
    if text.endswith("公司") and not text.endswith("分公司"):
        text = text[:-2]
    text = _NOT_WORD.sub("", text)
    return text if len(text) >= 2 else False
