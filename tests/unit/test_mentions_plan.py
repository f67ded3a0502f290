"""What to send (mentions/plan.py), the record that remembers it (mentions/record.py), and the
links a note mentions (mentions/links.py): pure values, and the record on disk."""

from __future__ import annotations

from plnsite.mentions.links import outgoing_links
from plnsite.mentions.plan import Job, NoteMentions, next_record, plan_sending
from plnsite.mentions.record import Sent, read_record, record_dir, write_record

A = "https://me.example/notes/a/"
B = "https://me.example/notes/b/"


def _jobs(plan):
    return [(j.source, j.target) for j in plan.jobs]


def test_new_notes_send_to_every_target_and_unchanged_ones_to_none():
    notes = [NoteMentions(A, ("https://x/1", "https://x/2"), "d1"), NoteMentions(B, (), "d2")]
    assert _jobs(plan_sending(notes, {})) == [(A, "https://x/1"), (A, "https://x/2")]
    record = next_record(notes, {}, [])
    again = plan_sending(notes, record)
    assert (again.jobs, again.unchanged) == ((), 2)


def test_a_changed_note_sends_to_current_and_removed_targets_and_failures_are_retried():
    record = {A: Sent(A, "old", ("https://x/1", "https://x/2"), ("https://x/gone-before",))}
    now = [NoteMentions(A, ("https://x/2", "https://x/3"), "new")]
    assert _jobs(plan_sending(now, record)) == [(A, "https://x/2"), (A, "https://x/3"), (A, "https://x/1"),
                                                (A, "https://x/gone-before")]
    failed = next_record(now, record, [Job(A, "https://x/3")])
    assert failed[A] == Sent(A, "new", ("https://x/2", "https://x/3"), ("https://x/3",))
    assert _jobs(plan_sending(now, failed)) == [(A, "https://x/3")]


def test_a_gone_note_notifies_its_targets_once_and_an_opted_out_one_never():
    record = {A: Sent(A, "d", ("https://x/1",)), B: Sent(B, "d", ("https://x/2",))}
    plan = plan_sending([], record, quiet=frozenset({B}))
    assert _jobs(plan) == [(A, "https://x/1")]
    assert next_record([], record, [], quiet=frozenset({B})) == {}
    assert next_record([], record, [Job(A, "https://x/1")]) == {A: Sent(A, "", (), ("https://x/1",))}


def test_the_record_survives_a_round_trip_and_a_damaged_one_is_absent(tmp_path):
    record = {A: Sent(A, "d", ("https://x/1",), ("https://x/1",)), B: Sent(B, "e", ())}
    assert write_record(tmp_path, record)
    assert read_record(tmp_path) == record
    shard = record_dir(tmp_path) / "sent.bin"
    data = bytearray(shard.read_bytes())
    data[-3] ^= 0xFF
    shard.write_bytes(bytes(data))
    assert read_record(tmp_path) == {}


def test_outgoing_links_leave_the_site_once_each_without_fragments():
    html = ('<p><a href="https://a.example/x#part">a</a> <a href="https://a.example/x">again</a> '
            '<a href="/notes/b/">inside</a> <a href="https://me.example/sub/about/">own</a> '
            '<a href="http://me.example/sub/">own, http</a> <a href="https://me.example/other-site/">same host</a> '
            '<a href="mailto:x@y.example">mail</a> <a href="javascript:alert(1)">js</a></p>'
            '<!-- <a href="https://hidden.example/">c</a> -->')
    assert outgoing_links(html, "https://me.example/sub/") == ("https://a.example/x", "https://me.example/other-site/")
