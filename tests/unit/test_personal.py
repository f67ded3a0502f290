"""load/personal.py: what counts as an email address or a phone number in free text."""

from __future__ import annotations

import pytest

from plnsite.load.personal import EMAIL, PHONE, find_personal, is_public_mailto


@pytest.mark.parametrize(("text", "what"), [
    ("pat.mail@example.org", EMAIL),
    ("Pat Quill <pat@example.org>", EMAIL),
    ("mailto:pat@example.org", EMAIL),
    ("write to Pat.Quill+pln@mail.example.co.uk today", EMAIL),
    ("pat [at] example [dot] org", EMAIL),
    ("pat(at)example.org", EMAIL),
    ("+1 (604) 555-0199", PHONE),
    ("+44 20 7946 0958", PHONE),
    ("+33612345678", PHONE),
    ("+49 30 1234567", PHONE),
    ("(604) 555-0199", PHONE),
    ("604-555-0199", PHONE),
    ("604.555.0199", PHONE),
    ("604 555 0199", PHONE),
    ("020 7946 0958", PHONE),
    ("06 12 34 56 78", PHONE),
    ("07700 900123", PHONE),
    ("tel:+442079460958", PHONE),
    ("sms:+15551234567", PHONE),
    ("https://wa.me/16045550199", PHONE),
    ("https://api.whatsapp.com/send?phone=16045550199", PHONE),
    ("phone: 555-0199", PHONE),
    ("call me on 555 0199", PHONE),
    ("Met at a conference; her number is 020 7946 0958.", PHONE),
])
def test_what_people_write_is_found(text, what):
    found = find_personal(text)
    assert found is not None and found.what == what
    assert found.text in text and text.index(found.text) == found.start


@pytest.mark.parametrize("text", [
    "2025", "2025-03-04", "04/03/2025", "01.02.2025", "10:15", "1999-2004", "v3.10.2", "3.14159265",
    "ISBN 978-0-262-01668-2", "ISBN 0-262-01668-2", "0-14-303943-4", "9780262016681", "ISBN 978 0 262 01668 2",
    "0000-0002-1825-0097",  # an ORCID iD
    "192.168.100.1", "pages 123-145", "1,234,567", "+1 to this idea", "+3 points",
    "@pat@mastodon.social", "https://mastodon.social/@pat", "https://example.org/@pat@mastodon.social",
    "git@github.com:pat/notes.git", "https://example.org/2024/03/15/post-6045550199",
    "https://example.org/?id=6045550199", "www.example.org/6045550199", "x.bsky.social",
    "Met at a conference in 2019, room 204.", "",
])
def test_numbers_and_handles_that_are_not_contact_data(text):
    assert find_personal(text) is None


def test_the_first_finding_comes_first():
    found = find_personal("mail pat@example.org or call 604-555-0199")
    assert (found.what, found.text, found.start) == (EMAIL, "pat@example.org", 5)
    found = find_personal("call 604-555-0199 or mail pat@example.org")
    assert found.what == PHONE and "604-555-0199" in found.text


@pytest.mark.parametrize(("text", "ok"), [
    ("mailto:pat@example.org", True), (" MAILTO:Pat.Quill@example.org ", True),
    ("pat@example.org", False), ("mailto:pat@example.org,other@example.org", False),
    ("mailto:pat@example.org?subject=hi", False), ("https://example.org/", False),
])
def test_a_public_mailto_is_one_plain_address(text, ok):
    assert is_public_mailto(text) is ok
