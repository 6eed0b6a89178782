"""The county classification summary as HTML (jinja2 template in resources/)."""

import datetime as _dt
import os

from .codes import resource_path
from .i18n import current_language
from .templates import render


def write_summary_html(path, rules, rows, summary, template_path=None):
    template_path = template_path or resource_path("templates", "classification_summary.html.j2")
    html = render(template_path,
        lang="zh-CN" if current_language() == "zh" else "en", rules=rules, rows=rows, summary=summary,
        built_at=_dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path


def render_guidance(rules, category, village, template_dir=None):
    """The planning guidance of a category, filled with the village's figures."""
    template_dir = template_dir or resource_path("templates", "guidance")
    lang = "zh" if current_language() == "zh" else "en"
    name = "{}.{}.html.j2".format(category, lang)
    if not os.path.exists(os.path.join(template_dir, name)):
        name = "{}.en.html.j2".format(category)
    return render(os.path.join(template_dir, name),
        v=village, category=rules.category_name(category), rules=rules)
