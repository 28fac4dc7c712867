"""Input bytes that are not UTF-8 are read as Latin-1 instead of ending the app."""

from __future__ import annotations

from spiegel_tui.ui.terminal_input import install_tolerant_input_decoder, tolerant_decoder_factory


def test_latin1_bytes_become_the_letters_meant() -> None:
    decode = tolerant_decoder_factory("utf-8")().decode
    assert decode(b"cli\xebnt", final=False) == "cliënt"
    assert decode("één".encode(), final=False) == "één"


def test_utf8_split_across_reads_still_joins() -> None:
    decoder = tolerant_decoder_factory("utf-8")()
    data = "ë".encode()
    assert decoder.decode(data[:1], final=False) == ""
    assert decoder.decode(data[1:], final=False) == "ë"


def test_textual_driver_uses_the_tolerant_decoder() -> None:
    from textual.drivers import linux_driver

    install_tolerant_input_decoder()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"\xe9\xe9n", final=True) == "één"
