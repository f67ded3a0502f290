"""installed.version reads a version from a .dist-info folder's name: it must always be the
version importlib.metadata reads from the distribution's METADATA."""

from __future__ import annotations

from importlib import metadata

from plnsite import installed


def test_every_installed_distribution_has_the_version_importlib_metadata_gives():
    names = sorted({d.metadata["Name"] for d in metadata.distributions()})
    assert len(names) > 10 and "markdown-it-py" in {n.lower() for n in names}
    assert {n: installed.version(n) for n in names} == {n: metadata.version(n) for n in names}


def test_names_are_matched_as_the_packaging_specifications_normalise_them():
    assert installed.version("Markdown_It.Py") == installed.version("markdown-it-py") == metadata.version("markdown-it-py")


def test_a_distribution_that_is_not_installed_has_no_version():
    assert installed.version("plnsite-no-such-distribution") is None
