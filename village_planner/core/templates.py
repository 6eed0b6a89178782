"""The HTML reports' templates (jinja2, in resources/templates/): one environment, escaping every value."""

import os

from .i18n import tr


def render(template_path, **values):
    """A report rendered from a template file; every value is escaped, ``tr`` translates the template's text."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.dirname(template_path)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    env.globals["tr"] = tr
    return env.get_template(os.path.basename(template_path)).render(**values)
