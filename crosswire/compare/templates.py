"""Jinja2 templates of the story briefing (crosswire.compare.report).

Kept in a module rather than template files so they ship inside the package without extra
package data. Every value printed into the Markdown template is escaped by the
environment's ``finalize`` hook; the HTML environment autoescapes.
"""

MARKDOWN_TEMPLATE = """\
# Briefing: {{ view.label or "story " ~ view.id }}

Story {{ view.id }} · {{ view.first_date or "?" }} to {{ view.last_date or "?" }} · {{ articles }} articles from {{ view.outlets | length }} outlets · {{ view.origins | length }} origins after syndicated copies collapse

## Upstream origins

{{ view.upstream.text }}

## Outlets

| Outlet | Articles | Tone | Cues |
|---|---|---|---|
{% for side in view.outlets %}
| {{ side.outlet }} | {% for a in side.articles %}{{ a.published or "undated" }}: {{ a.title or "(untitled)" }}{% if not loop.last %}; {% endif %}{% endfor %} | {{ side.tone.label }} | {{ side.tone.cues | join_words }} |
{% endfor %}

## Reported by several outlets

{% for item in corroborated %}
{% set c = item.row.corroboration %}
{{ loop.index }}. {{ item.row.text }} — {% for outlet, status, n in item.notes %}{{ outlet }} ({{ status }})[^{{ n }}]{% if not loop.last %}, {% endif %}{% endfor %}. Independent upstream origins (at least): {{ c.independent }}{% if c.upstreams %} ({{ c.upstreams | map(attribute="label") | join_words }}){% endif %}; {{ c.origins | length }} origins, {{ c.reports }} reports.
{% for outlet, details in item.row.additions.items() %}
   - {{ outlet }} adds: {{ details | join_words }}
{% endfor %}
{% else %}
No claim is made by more than one outlet.
{% endfor %}

## Only in one outlet

{% for outlet, items in only_in.items() %}
### {{ outlet }}

{% for item in items %}
- {{ item.row.text }} ({{ item.notes[0][1] }}){% for _, _, n in item.notes %}[^{{ n }}]{% endfor %}

{% endfor %}

{% else %}
Every claim is made by more than one outlet.
{% endfor %}

## Contradictions

{% for contradiction, values in contradictions %}
### {{ contradiction.slot }}: {{ contradiction.values | join(" vs ") }}

{% for value, accounts in values %}
- **{{ value }}**: {% for account, n in accounts %}{{ account.unit.outlet }} (“{{ account.value_text }}”)[^{{ n }}]{% if not loop.last %}, {% endif %}{% endfor %}

{% endfor %}
{% else %}
None found.
{% endfor %}
{% if changes %}

## Status changes over time

{% for change, before, after in changes %}
- Claim {{ change.claim_id }} {{ change.kind }}: {{ change.before.status }} in {{ change.before.outlet }} on {{ change.before.published }}[^{{ before }}], then {{ change.after.status }} in {{ change.after.outlet }} on {{ change.after.published }}[^{{ after }}]
{% endfor %}
{% endif %}

## Sources

{% for note in footnotes %}
[^{{ note.number }}]: {{ note.outlet }}, “{{ note.title or "untitled" }}”{% if note.published %}, {{ note.published }}{% endif %}, {{ note.url or note.source or "no address" }} ({{ note.status }}): “{{ note.sentence }}”
{% endfor %}
"""

HTML_TEMPLATE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Briefing: {{ view.label or "story " ~ view.id }}</title>
<style>
body { font: 16px/1.5 Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; vertical-align: top; text-align: left; }
.meta, .note { color: #555; font-size: .9rem; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.side > div { border: 1px solid #ccc; padding: .6rem; }
sup a { text-decoration: none; }
.status { font-variant: small-caps; }
</style>
</head>
<body>
<h1>Briefing: {{ view.label or "story " ~ view.id }}</h1>
<p class="meta">Story {{ view.id }} · {{ view.first_date or "?" }} to {{ view.last_date or "?" }} · {{ articles }} articles from {{ view.outlets | length }} outlets · {{ view.origins | length }} origins after syndicated copies collapse</p>

<h2>Upstream origins</h2>
<p>{{ view.upstream.text }}</p>

<h2>Outlets</h2>
<div class="side">
{% for side in view.outlets %}
<div>
<h3>{{ side.outlet }}</h3>
<p><span class="status">{{ side.tone.label }}</span></p>
<ul>
{% for a in side.articles %}
<li>{{ a.published or "undated" }}{% if a.estimated %} (estimated){% endif %}: {{ a.title or "(untitled)" }}</li>
{% endfor %}
</ul>
{% if side.tone.cues %}<p class="note">{{ side.tone.cues | join_words }}</p>{% endif %}
</div>
{% endfor %}
</div>

<h2>Reported by several outlets</h2>
{% if corroborated %}
<ol>
{% for item in corroborated %}
{% set c = item.row.corroboration %}
<li><p>{{ item.row.text }}</p>
<p class="note">{% for outlet, status, n in item.notes %}{{ outlet }} (<span class="status">{{ status }}</span>)<sup><a href="#fn{{ n }}">{{ n }}</a></sup>{% if not loop.last %}, {% endif %}{% endfor %}.
Independent upstream origins (at least): {{ c.independent }}{% if c.upstreams %} ({{ c.upstreams | map(attribute="label") | join_words }}){% endif %}; {{ c.origins | length }} origins, {{ c.reports }} reports.</p>
{% if item.row.additions %}<ul class="note">{% for outlet, details in item.row.additions.items() %}<li>{{ outlet }} adds: {{ details | join_words }}</li>{% endfor %}</ul>{% endif %}
</li>
{% endfor %}
</ol>
{% else %}
<p>No claim is made by more than one outlet.</p>
{% endif %}

<h2>Only in one outlet</h2>
{% for outlet, items in only_in.items() %}
<h3>{{ outlet }}</h3>
<ul>
{% for item in items %}
<li>{{ item.row.text }} (<span class="status">{{ item.notes[0][1] }}</span>){% for _, _, n in item.notes %}<sup><a href="#fn{{ n }}">{{ n }}</a></sup>{% endfor %}</li>
{% endfor %}
</ul>
{% else %}
<p>Every claim is made by more than one outlet.</p>
{% endfor %}

<h2>Contradictions</h2>
{% for contradiction, values in contradictions %}
<h3>{{ contradiction.slot }}: {{ contradiction.values | join(" vs ") }}</h3>
<table>
<tr>{% for value, _ in values %}<th>{{ value }}</th>{% endfor %}</tr>
<tr>{% for value, accounts in values %}<td>{% for account, n in accounts %}<p><b>{{ account.unit.outlet }}</b>, {{ account.unit.published or "undated" }}<sup><a href="#fn{{ n }}">{{ n }}</a></sup>: {{ account.unit.text }}</p>{% endfor %}</td>{% endfor %}</tr>
</table>
{% else %}
<p>None found.</p>
{% endfor %}

{% if changes %}
<h2>Status changes over time</h2>
<ul>
{% for change, before, after in changes %}
<li>Claim {{ change.claim_id }} {{ change.kind }}: {{ change.before.status }} in {{ change.before.outlet }} on {{ change.before.published }}<sup><a href="#fn{{ before }}">{{ before }}</a></sup>, then {{ change.after.status }} in {{ change.after.outlet }} on {{ change.after.published }}<sup><a href="#fn{{ after }}">{{ after }}</a></sup></li>
{% endfor %}
</ul>
{% endif %}

<h2>Sources</h2>
<ol class="note">
{% for note in footnotes %}
<li id="fn{{ note.number }}">{{ note.outlet }}, “{% if note.url %}<a href="{{ note.url }}" rel="noopener noreferrer">{{ note.title or "untitled" }}</a>{% else %}{{ note.title or "untitled" }}{% endif %}”{% if note.published %}, {{ note.published }}{% endif %}{% if not note.url %}, {{ note.source or "no address" }}{% endif %} (<span class="status">{{ note.status }}</span>): “{{ note.sentence }}”</li>
{% endfor %}
</ol>
</body>
</html>
"""
