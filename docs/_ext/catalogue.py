"""Sphinx extension: the catalogue pages, generated from the bundled data at build time.

On ``builder-inited`` it writes, through the library's public API, one page per campaign, one
per form (line items and the rule catalogue), the 低保 parameters and the vocabularies, in zh-Hans
(``docs/catalogue/``) and in English (``docs/en/catalogue/``). Both folders are git-ignored:
the data files are the one home of every fact; nothing here is a copy kept by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

os.environ.pop("WENNUAN_RULES_DATA", None)  # the bundled data only, before the library reads it

import wennuan_rules as wr
from wennuan_rules._data import is_bundled
from wennuan_rules.eligibility.criteria import AllOf, AnyOf, Criterion
from wennuan_rules.eligibility.logic import campaign_rules
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.parameters import Parameters, parameter_label
from wennuan_rules.vocabulary import vocabularies

LANGS = {"zh-Hans": "catalogue", "en": "en/catalogue"}

#: the words of the generated pages (page text, not library messages), zh-Hans and en
WORDS: dict[str, tuple[str, str]] = {
    "catalogue": ("规则目录", "Rule catalogue"),
    "intro": (
        "本目录在构建文档时由包内数据文件生成：每个活动、每张报表、低保标准与词表各一页，"
        "每条事实都注明出处。",
        "Generated from the bundled data files when the site is built: one page per campaign, "
        "per form, the dibao parameters and the vocabularies, every fact with its source.",
    ),
    "other": ("English", "中文"),
    "campaigns": ("活动", "Campaigns"),
    "forms": ("统计报表", "Statistical forms"),
    "parameters": ("低保标准", "Dibao standards"),
    "vocabularies": ("词表", "Vocabularies"),
    "overview": ("概况", "Overview"),
    "dates": ("日期与期限", "Dates and deadlines"),
    "payment": ("发放规则", "Payment rules"),
    "groups": ("重点帮扶对象及认定条件", "Priority groups and their criteria"),
    "categories": ("报表中的家庭类别", "Household categories of the form"),
    "readings": ("解读", "Readings taken"),
    "items": ("栏目", "Line items"),
    "rules": ("审核规则", "Rules"),
    "field": ("项目", "field"),
    "value": ("值", "value"),
    "computed": ("计算所得", "computed"),
    "lunar": ("农历（计算）", "lunar (computed)"),
    "printed": ("原文", "as printed"),
    "source": ("出处", "source"),
    "note": ("说明", "note"),
    "code": ("代码", "code"),
    "line": ("行", "line"),
    "label": ("名称", "label"),
    "unit": ("单位", "unit"),
    "name": ("规则", "rule"),
    "formula": ("公式", "formula"),
    "reads": ("读作", "reads"),
    "severity": ("级别", "severity"),
    "region": ("地区", "region"),
    "start": ("起", "from"),
    "end": ("止", "to"),
    "criteria": ("认定条件", "criteria"),
    "options": ("选项", "options"),
    "none": ("无", "none"),
    "aliases": ("别名", "aliases"),
    "issuer": ("发文单位", "issuer"),
    "document": ("文号", "document"),
    "issued_on": ("发文日期", "issued on"),
    "spring_festival": ("春节", "Spring Festival"),
    "period": ("活动时间", "campaign period"),
    "visiting_window": ("集中走访时间", "visiting window"),
    "report_deadline": ("报送期限", "report deadline"),
    "application_deadline": ("申报期限", "application deadline"),
    "spending_deadline": ("资金使用期限", "spending deadline"),
    "real_name": ("实名制发放", "real-name payment"),
    "file_before_aid": ("先建档、后帮扶", "on file before aid"),
    "channels": ("发放渠道", "payment channel"),
    "earmarked": ("专款专用", "earmarked funds"),
    "reference_date": ("统计时点", "reference date"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "all of": ("同时满足", "all of"),
    "any of": ("满足其一", "any of"),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "zh-Hans" else 1]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip() or "—"


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(head)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*out, ""]


def _lunar(day: dt.date | None) -> str:
    return "" if day is None else str(wr.to_lunar(day))


def _switch(lang: str, page: str) -> list[str]:
    """A link to the same page in the other language."""
    other = "en" if lang == "zh-Hans" else "zh-Hans"
    return [f"[{_w('other', lang)}](/{LANGS[other]}/{page}.md)", ""]


# -- campaigns ------------------------------------------------------------------------------------


def _dates(c: wr.Campaign, lang: str) -> list[str]:
    rows: list[tuple[object, ...]] = []
    for key in ("period", "visiting_window"):
        p = getattr(c, key)
        if p is not None:
            rows.append(
                (
                    _w(key, lang),
                    p.text,
                    f"{p.start} – {p.end}",
                    f"{_lunar(p.start)} – {_lunar(p.end)}",
                    p.source,
                )
            )
    deadlines = [(_w(k, lang), getattr(c, k)) for k in ("report_deadline", "application_deadline")]
    deadlines += [
        (f"{_w('spending_deadline', lang)} ({fund.label.get(lang)})", d)
        for fund, d in c.spending_deadlines.items()
    ]
    for name, d in deadlines:
        if d is not None:
            rows.append((name, d.text, d.last_day, _lunar(d.last_day), d.source))
    rows.append((_w("spring_festival", lang), "", c.spring_festival, _lunar(c.spring_festival), ""))
    head = [_w(k, lang) for k in ("field", "printed", "computed", "lunar", "source")]
    return [f"## {_w('dates', lang)}", "", *_table(head, rows)]


def _payment(c: wr.Campaign, lang: str) -> list[str]:
    rows = []
    for key in ("real_name", "file_before_aid", "channels", "earmarked"):
        s = getattr(c.payment, key)
        if s is None:
            continue
        if isinstance(s.value, tuple):
            value = "、".join(v.label.get(lang) for v in s.value)
        else:
            value = _w("yes" if s.value else "no", lang)
        rows.append((_w(key, lang), value, s.text, s.source))
    head = [_w(k, lang) for k in ("field", "value", "printed", "source")]
    body = _table(head, rows) if rows else [_w("none", lang), ""]
    return [f"## {_w('payment', lang)}", "", *body]


def _setting(v: object) -> str:
    if isinstance(v, frozenset):
        return ", ".join(sorted(getattr(x, "id", str(x)) for x in v))
    return str(getattr(v, "id", v))


def _criterion(c: Criterion, lang: str, depth: int = 0) -> list[str]:
    pad = "  " * depth
    if isinstance(c, AllOf | AnyOf):
        word = _w("all of" if isinstance(c, AllOf) else "any of", lang)
        out = [f"{pad}- {word}" + (f" ({c.source})" if c.source else "")]
        for part in c.parts:
            out += _criterion(part, lang, depth + 1)
        return out
    settings = [
        f"{f.name}={_setting(getattr(c, f.name))}"
        for f in attrs.fields(type(c))
        if f.name != "source" and getattr(c, f.name) not in (None, False, "")
    ]
    text = f"`{c.id}`" + (f" ({', '.join(settings)})" if settings else "")
    source = getattr(c, "source", "")
    return [f"{pad}- {text}" + (f" — {source}" if source else "")]


def _groups(c: wr.Campaign, lang: str) -> list[str]:
    rules = campaign_rules(c)
    options = ", ".join(f"`{k}` = `{v!r}`" for k, v in rules.options.items()) or _w("none", lang)
    out = [f"## {_w('groups', lang)}", "", f"{_w('options', lang)}: {options}", ""]
    specs = {g.id: g for g in (*c.groups, *c.categories)}
    for key, ids in (("groups", c.groups), ("categories", c.categories)):
        if key == "categories" and ids:
            out += [f"## {_w('categories', lang)}", ""]
        for spec in ids:
            rule = next(r for r in (*rules.groups, *rules.categories) if r.id == spec.id)
            out += [f"### `{spec.id}` {specs[spec.id].label.get(lang)}", ""]
            out += [
                f"- {_w('source', lang)}: {spec.source}",
                f"- {_w('printed', lang)}: {spec.text}",
            ]
            if spec.note:
                out.append(f"- {_w('note', lang)}: {spec.note}")
            out += ["", f"{_w('criteria', lang)}:", "", *_criterion(rule.criterion, lang), ""]
    return out


def _readings(c: wr.Campaign, lang: str) -> list[str]:
    rows: list[tuple[object, ...]] = []
    named: list[tuple[str, Any]] = [
        (_w(k, lang), getattr(c, k))
        for k in (
            "issued_on",
            "period",
            "visiting_window",
            "report_deadline",
            "application_deadline",
        )
    ]
    named += [
        (f"{_w('spending_deadline', lang)} ({f.id})", d) for f, d in c.spending_deadlines.items()
    ]
    named += [
        (_w(k, lang), getattr(c.payment, k))
        for k in ("real_name", "file_before_aid", "channels", "earmarked")
    ]
    named += [(f"`{g.id}`", g) for g in (*c.groups, *c.categories)]
    named += [(name, s) for name, s in c.absent.items()]
    for name, thing in named:
        if thing is not None and getattr(thing, "note", ""):
            rows.append((name, thing.note, getattr(thing, "source", "")))
    head = [_w(k, lang) for k in ("field", "note", "source")]
    return [f"## {_w('readings', lang)}", "", *_table(head, rows)]


def campaign_page(c: wr.Campaign, lang: str) -> str:
    document = c.document.text if c.document is not None else c.cite
    out = [f"# {c.title.get(lang)} ({c.id})", "", *_switch(lang, f"campaign-{c.id}")]
    out += [f"## {_w('overview', lang)}", ""]
    out += _table(
        [_w("field", lang), _w("value", lang)],
        [
            ("id", f"`{c.id}`"),
            (_w("issuer", lang), f"{c.issuer.get(lang)} ({c.level.label.get(lang)})"),
            (_w("document", lang), document),
            (_w("issued_on", lang), c.issued_on.value if c.issued_on else None),
            (
                _w("forms", lang),
                ", ".join(
                    f"[`{f.value}`](form-{f.value.replace(':', '-')}.md)"
                    for f in c.forms
                    if f.value in wr.form_ids()
                ),
            ),
        ],
    )
    out += _dates(c, lang) + _payment(c, lang) + _groups(c, lang) + _readings(c, lang)
    return "\n".join(out)


# -- forms, parameters, vocabularies --------------------------------------------------------------


def form_page(f: wr.FormTemplate, lang: str) -> str:
    slug = f"form-{f.id.replace(':', '-')}"
    out = [f"# {f.title.get(lang)} ({f.id})", "", *_switch(lang, slug)]
    out += [f"- id: `{f.id}`", f"- {_w('source', lang)}: {f.source}"]
    if f.reference_date is not None:
        out.append(f"- {_w('reference_date', lang)}: {f.reference_date}")
    out += [f"- {n.get(lang)}" for n in f.notes]
    out += ["", f"## {_w('items', lang)}", ""]
    head = [_w(k, lang) for k in ("code", "line", "label", "unit", "note")]
    out += _table(
        head, ((f"`{i.code}`", i.line, i.label.get(lang), i.unit, i.note) for i in f.items)
    )
    out += [f"## {_w('rules', lang)}", ""]
    head = [_w(k, lang) for k in ("name", "formula", "reads", "severity", "source", "note")]
    out += _table(
        head,
        (
            (
                f"`{r.name}`",
                f"`{r.formula}`",
                describe(r.expr, lang),
                _w(r.severity.value, lang),
                r.source,
                r.note,
            )
            for r in f.rules
        ),
    )
    return "\n".join(out)


def parameters_page(lang: str) -> str:
    out = [f"# {_w('parameters', lang)}", "", *_switch(lang, "parameters")]
    values = Parameters.bundled().values
    for name in sorted({v.name for v in values}):
        out += [f"## {parameter_label(name).get(lang)} (`{name}`)", ""]
        head = [
            _w(k, lang) for k in ("region", "start", "end", "value", "source", "printed", "note")
        ]
        out += _table(
            head,
            (
                (v.region, v.start, v.end, v.value, v.source, v.text, v.note)
                for v in values
                if v.name == name
            ),
        )
    return "\n".join(out)


def vocabularies_page(lang: str) -> str:
    out = [f"# {_w('vocabularies', lang)}", "", *_switch(lang, "vocabularies")]
    for name, vocab in vocabularies().items():
        out += [f"## {name}", ""]
        if vocab.source():
            out += [f"{_w('source', lang)}: {vocab.source()}", ""]
        out += _table(
            ["id", "简体中文", "繁體中文", "English", _w("aliases", lang)],
            (
                (f"`{m.id}`", m.label.zh_hans, m.label.zh_hant, m.label.en, "、".join(m.aliases))
                for m in vocab
            ),
        )
    return "\n".join(out)


def index_page(lang: str, campaign_ids: list[str], form_slugs: list[str]) -> str:
    out = [f"# {_w('catalogue', lang)}", "", *_switch(lang, "index"), _w("intro", lang), ""]
    for key, pages in (
        ("campaigns", [f"campaign-{i}" for i in campaign_ids]),
        ("forms", form_slugs),
        ("parameters", ["parameters"]),
        ("vocabularies", ["vocabularies"]),
    ):
        out += ["```{toctree}", f":caption: {_w(key, lang)}", ":maxdepth: 1", "", *pages, "```", ""]
    return "\n".join(out)


def pages() -> dict[str, Callable[[str], str]]:
    """Page name → maker of its text in a language."""
    campaigns = [c for c in wr.campaigns() if is_bundled(c.file)]
    forms = list(wr.forms())
    out: dict[str, Callable[[str], str]] = {}
    for c in campaigns:
        out[f"campaign-{c.id}"] = lambda lang, c=c: campaign_page(c, lang)
    slugs = []
    for f in forms:
        slug = f"form-{f.id.replace(':', '-')}"
        slugs.append(slug)
        out[slug] = lambda lang, f=f: form_page(f, lang)
    out["parameters"] = parameters_page
    out["vocabularies"] = vocabularies_page
    ids = [c.id for c in campaigns]
    out["index"] = lambda lang: index_page(lang, ids, slugs)
    return out


def write_catalogue(docs: Path) -> list[Path]:
    """Write every catalogue page under ``docs``; files whose text is unchanged are left alone."""
    written = []
    makers = pages()
    for lang, folder in LANGS.items():
        target = docs / folder
        target.mkdir(parents=True, exist_ok=True)
        for stale in set(target.glob("*.md")) - {target / f"{n}.md" for n in makers}:
            stale.unlink()
        for name, make in makers.items():
            path = target / f"{name}.md"
            text = make(lang) + "\n"
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _on_builder_inited(app: Any) -> None:
    write_catalogue(Path(app.srcdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
