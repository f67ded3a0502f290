"""The network snapshot: what fetch writes is what build reads, and a bad one is absent."""

from __future__ import annotations

from plnsite.snapshots.network import FeedState, NetworkPost, NetworkSnapshot, read_snapshot, snapshot_dir, write_snapshot

SNAPSHOT = NetworkSnapshot(
    taken="2026-12-02T09:30:00Z",
    posts=(
        NetworkPost("ada", "https://ada.example/feed.xml", "tag:ada,1", "On loops", "https://ada.example/loops",
                    "2026-12-01T08:00:00Z", "Ada", ("python", "teaching"), "Loops, plainly."),
        NetworkPost("bo", "https://bo.example/atom.xml", "https://bo.example/x", "Untitled", "", "", "", (), ""),
    ),
    feeds=(FeedState("ada", "https://ada.example/feed.xml", "", '"abc"', "Tue, 01 Dec 2026 08:00:00 GMT",
                     "2026-12-02T09:30:00Z", "2026-12-02T09:30:00Z", "ok", "", "", ""),),
)


def test_what_is_written_is_read_back(tmp_path):
    assert read_snapshot(tmp_path) is None
    assert write_snapshot(tmp_path, SNAPSHOT)
    assert read_snapshot(tmp_path) == SNAPSHOT


def test_a_damaged_snapshot_is_absent(tmp_path):
    write_snapshot(tmp_path, SNAPSHOT)
    (shard,) = snapshot_dir(tmp_path).glob("*.bin")
    data = bytearray(shard.read_bytes())
    data[-3] ^= 0x40
    shard.write_bytes(bytes(data))
    assert read_snapshot(tmp_path) is None
    assert not shard.exists()
