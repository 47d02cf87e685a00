"""The parsed-file cache: same bytes → no parsing; new bytes, other parser or a bad entry → parse again."""

from __future__ import annotations

from tcdesk import form_data, parse_cache


def _counting():
    calls = []

    def parse(path):
        calls.append(path)
        return {"text": path.read_text(encoding="utf-8")}

    return parse, calls


def test_unchanged_file_is_parsed_once(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    parse, calls = _counting()
    assert parse_cache.cached_parse(source, parse, "test") == {"text": "a: 1\n"}
    assert parse_cache.cached_parse(source, parse, "test") == {"text": "a: 1\n"}
    assert len(calls) == 1
    source.write_text("a: 2\n", encoding="utf-8")
    assert parse_cache.cached_parse(source, parse, "test") == {"text": "a: 2\n"}
    assert len(calls) == 2
    assert parse_cache.cached_parse(source, parse, "other parser")["text"] == "a: 2\n"
    assert len(calls) == 3


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(parse_cache.DISABLE_VARIABLE, "1")
    source = tmp_path / "a.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    parse, calls = _counting()
    parse_cache.cached_parse(source, parse, "test")
    parse_cache.cached_parse(source, parse, "test")
    assert len(calls) == 2 and not parse_cache.cache_dir().exists()


def test_entry_from_a_decoder_that_refuses_it_is_parsed_again(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    parse, calls = _counting()

    def refuse(data):
        raise parse_cache.StaleEntryError("not mine")

    parse_cache.cached_parse(source, parse, "test", decode=refuse)
    assert parse_cache.cached_parse(source, parse, "test", decode=refuse) == {"text": "a: 1\n"}
    assert len(calls) == 2


def test_form_data_comes_from_the_cache_the_second_time(monkeypatch):
    path = form_data.resource("talent.yaml")
    first = form_data.load_yaml(path)

    def refuse(path):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(form_data, "_parse_yaml", refuse)
    assert form_data.load_yaml(path) == first


def test_the_cache_key_is_the_sha256_of_kind_version_and_bytes():
    import hashlib

    from tcdesk.parse_cache import VERSION, sha256

    data = f"kind\0{VERSION}\0".encode() + "ünïcode: [1, 2]\n".encode()
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
