"""Every tr() string is translated to zh_CN; no tr() is given an f-string."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import i18n  # noqa: E402


def test_zh_cn_translation_is_complete():
    problems = i18n.check()
    assert problems == [], "\n".join(problems[:30])


def test_there_are_strings_to_translate():
    messages, _ = i18n.extract()
    assert len(messages) > 100
    assert "Village Planner" in messages


def test_f_strings_in_tr_are_caught(tmp_path):
    src = tmp_path / "bad.py"
    src.write_text('def f(self, x):\n    return self.tr(f"hello {x}")\n\ndef g(x):\n    return tr("ok {}").format(x)\n',
                   encoding="utf-8")
    found, problems = i18n.scan_python(str(src))
    assert problems == [(2, "f-string given to tr()")]
    assert found == [("ok {}", 5)]


def test_placeholders_survive_translation():
    import re

    have = i18n.read_ts(i18n.TS_FILES[0])
    for source, (text, _) in have.items():
        assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", text)), source
