"""Regenerates jinja-conformance.json: small templates rendered by Python Jinja2 (3.1.x) in the
environment transformers' apply_chat_template uses (ImmutableSandboxedEnvironment, trim_blocks,
lstrip_blocks, loop controls, its tojson, raise_exception, strftime_now and generation tag).
Run: python3 jinja_conformance.py > jinja-conformance.json"""
import json
from datetime import datetime, timezone

from jinja2 import nodes
from jinja2.exceptions import TemplateError
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


class Generation(Extension):
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                      sort_keys=sort_keys)


def raise_exception(message):
    raise TemplateError(message)


NOW = datetime(2025, 7, 10, 14, 5, 9, tzinfo=timezone.utc)
env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                    extensions=[Generation, loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = lambda f: NOW.strftime(f)

MSGS = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi there"},
        {"role": "assistant", "content": " Hello! "}, {"role": "user", "content": "Tell a story"}]
V = {"messages": MSGS, "n": 7, "f": 2.5, "s": "  Hello, World  ", "xs": [3, 1, 2],
     "words": ["b", "A", "c", "a"], "d": {"b": 1, "a": [1, 2], "c": {"x": None}},
     "t": True, "none": None, "tools": [{"type": "function", "function": {"name": "get", "description": "Get it",
                                                                          "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}}],
     "people": [{"name": "Ann", "age": 31}, {"name": "bob", "age": 25}, {"name": "Cy", "age": 31}],
     "uni": "naïve “café” 🌍"}

CASES = [
    # whitespace control
    "a\n  {% if t %}\n  yes\n  {% endif %}\nb\n",
    "a  {%- if t -%}  x  {%- endif -%}  b",
    "  {%+ if t %}x{% endif %}\n",
    "{% if t +%}\nx{% endif %}",
    "a {# comment #}\n  {# own line #}\nb",
    "{{ 'x' }}\n{{ 'y' }}\n\n",
    "line\n    {%- for m in messages %}\n    [{{ m.role }}]\n    {%- endfor %}\n",
    "{% raw %}{{ not rendered }}{% endraw %}\n",
    "a\r\n{% if t %}\r\nb\r\n{% endif %}\r\n",
    # values and operators
    "{{ xs }}|{{ d }}|{{ none }}|{{ t }}|{{ f }}|{{ 1e-5 }}|{{ 10 / 4 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % 3 }}|{{ 2 ** 10 }}",
    "{{ 1 ~ 2 ~ 'x' }}|{{ 'ab' * 3 }}|{{ [1] + [2] }}|{{ 'a' 'b' }}|{{ (1, 2) }}|{{ 0.1 + 0.2 }}|{{ 3.0 }}|{{ 1e16 }}",
    "{{ 1 < n < 10 }}|{{ 'a' in 'cat' }}|{{ 'q' not in d }}|{{ 2 in xs }}|{{ n if n > 3 }}|[{{ n if n > 30 }}]",
    "{{ s[2:7] }}|{{ xs[-1] }}|{{ xs[::-1] }}|{{ uni[1:4] }}|{{ messages[1:] | length }}|{{ d.a.1 }}|{{ d['c']['x'] }}",
    "{{ not t }}|{{ t and n }}|{{ none or 'dflt' }}|{{ -n }}|{{ +f }}|{{ n is odd }}|{{ n is divisibleby 7 }}",
    "{{ '%s has %d' % ('x', 3) }}|{{ '%.2f' | format(f) if false else 'k' }}|{{ 'a%sb' | format('Z') }}",
    # tests
    "{% for v in [1, 'a', none, [1], {'k': 1}, 2.5, true] %}{{ v is string }}{{ v is number }}{{ v is mapping }}{{ v is iterable }}{{ v is sequence }}{{ v is none }}{{ v is boolean }};{% endfor %}",
    "{{ x is defined }}{{ x is undefined }}{{ n is integer }}{{ f is float }}{{ 'abc' is lower }}{{ 'A' is upper }}{{ n is eq 7 }}{{ n is ge 8 }}{{ 1 is in xs }}{{ none is sameas none }}",
    # filters
    "{{ s | trim }}|{{ 'xxaxx' | trim('x') }}|{{ s | lower }}|{{ s | upper }}|{{ 'hello world-wide (x' | title }}|{{ 'hELLO' | capitalize }}",
    "{{ xs | sort }}|{{ words | sort }}|{{ words | sort(case_sensitive=true) }}|{{ words | sort(reverse=true) }}|{{ people | sort(attribute='age') | map(attribute='name') | join(',') }}",
    "{{ xs | max }}|{{ xs | min }}|{{ words | max }}|{{ xs | sum }}|{{ people | sum(attribute='age') }}|{{ words | unique | list }}|{{ xs | first }}|{{ xs | last }}",
    "{{ people | selectattr('age', 'equalto', 31) | map(attribute='name') | list }}|{{ people | rejectattr('name', 'lower') | map(attribute='name') | join }}|{{ xs | select('odd') | list }}|{{ xs | reject('ge', 2) | list }}",
    "{{ words | map('upper') | join('-') }}|{{ people | map(attribute='zzz', default='?') | list }}|{{ messages | selectattr('role', 'in', ['user', 'system']) | list | length }}",
    "{{ d | dictsort }}|{{ d | items | list }}|{{ d | length }}|{{ d | list }}|{{ 'abc' | list }}|{{ 'abc' | reverse }}|{{ xs | reverse | list }}",
    "{{ none | default('x') }}|{{ '' | default('e', true) }}|{{ zz | default('u') }}|{{ zz | d(3) }}|{{ 3.7 | int }}|{{ '42' | int }}|{{ 'x' | int(5) }}|{{ '1.5' | float }}|{{ 2.675 | round(2) }}|{{ 2.5 | round }}|{{ -2.5 | round }}|{{ 7 | abs }}",
    "{{ 'a\nb\n\nc' | indent(2) }}|{{ 'a\nb' | indent(2, true) }}|{{ 'a\n\nb' | indent(2, blank=true) }}|{{ 'ab' | center(6) }}|{{ 'one two  three' | wordcount }}|{{ '<a href=\"x\">&' | e }}",
    "{{ 'aXbXc' | replace('X', '-') }}|{{ 'aXbXc' | replace('X', '-', 1) }}|{{ n | string }}{{ xs | string }}|{{ xs | join }}|{{ xs | batch(2) | list }}|{{ 'ab' | attr('x') }}",
    "{{ tools | tojson }}|{{ d | tojson(indent=2) }}|{{ d | tojson(sort_keys=true) }}|{{ uni | tojson }}|{{ 'q\"\\\\\t\n\u0001' | tojson }}|{{ [] | tojson(indent=4) }}|{{ f | tojson }}|{{ d | tojson(separators=(',', ':')) }}",
    "{{ tools[0] | tojson(indent=4) }}",
    # string and dict methods
    "{{ s.strip() }}|{{ s.lstrip() }}.|{{ s.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}|{{ 'a b c'.rsplit(' ', 1) }}|{{ 'x\ny\r\nz'.splitlines() }}",
    "{{ s.startswith('  He') }}|{{ 'abc'.startswith(('x', 'a')) }}|{{ 'abc'.endswith('bc') }}|{{ 'hello world'.title() }}|{{ 'ab-cd e2f'.title() }}|{{ 'aaa'.count('a') }}|{{ 'abc'.find('c') }}|{{ '-'.join(['a', 'b']) }}|{{ 'abc'.replace('b', 'B') }}",
    "{{ d.get('b') }}|{{ d.get('zz', 'no') }}|{{ d.get('zz') }}|{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}|{{ d.keys() | list }}|{% for k in d %}{{ k }}{% endfor %}",
    "{{ 'Hi {}!'.format('you') }}|{{ 'xyz'.upper() }}|{{ 'ABC'.lower() }}|{{ '  x'.isspace() }}|{{ '12'.isdigit() }}|{{ 'prefix_x'.removeprefix('prefix_') }}",
    # loops
    "{% for m in messages %}{{ loop.index }}/{{ loop.length }}{{ loop.first }}{{ loop.last }}{{ loop.revindex0 }}{{ loop.cycle('a', 'b') }} {% endfor %}",
    "{% for m in messages if m.role == 'user' %}{{ loop.index0 }}{{ m.content }}{% if loop.previtem is defined %}<{{ loop.previtem.content }}>{% endif %};{% endfor %}",
    "{% for i in range(10) %}{% if i is even %}{% continue %}{% endif %}{% if i > 6 %}{% break %}{% endif %}{{ i }}{% endfor %}|{% for i in range(5, 0, -2) %}{{ i }}{% endfor %}",
    "{% for a, b in [[1, 2], [3, 4]] %}{{ a + b }}{% endfor %}|{% for x in [] %}x{% else %}empty{% endfor %}|{% for i in xs %}{% for j in xs %}{{ loop.index }}{% endfor %}{{ loop.index }}.{% endfor %}",
    "{% set x = 1 %}{% for i in xs %}{% set x = i %}{% endfor %}{{ x }}|{% set ns = namespace(x=1, found=false) %}{% for i in xs %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}{{ ns.found }}",
    "{% set a, b = 1, 2 %}{{ a }}{{ b }}|{% set t2 = (1, 2) %}{{ t2[1] }}|{% if t %}{% set y = 5 %}{% endif %}{{ y }}",
    # macros, call, set blocks, filter blocks, with, generation
    "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ greet('A') }}|{{ greet('B', '?') }}|{{ greet(punct='.', name='C') }}|{{ greet('D', '.', 1, 2) }}|{{ greet('E', z=1) }}",
    "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}bold {{ n }}{% endcall %}|{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) each(xs) %}[{{ v * 2 }}]{% endcall %}",
    "{% macro render(m) -%}\n  {{ m.role | upper }}: {{ m.content | trim }}\n{%- endmacro %}\n{% for m in messages %}\n{{ render(m) }}\n{% endfor %}",
    "{% set block %}\n  inner {{ n }}\n{% endset %}[{{ block }}]|{% set up | upper | trim %} shout {% endset %}[{{ up }}]|{% filter upper %}abc{{ 'd' }}{% endfilter %}",
    "{% with a = 3, b = n %}{{ a * b }}{% endwith %}{{ a }}|{% generation %}gen {{ n }}{% endgeneration %}|{{ strftime_now('%d %b %Y %H:%M:%S %A %j %B %y %m') }}",
    # realistic chat fragments
    "{{- bos -}}\n{%- for message in messages %}\n    {%- if message['role'] == 'system' %}\n        {{- '<<SYS>>\\n' + message['content'] | trim + '\\n<</SYS>>\\n\\n' }}\n    {%- elif message['role'] == 'user' %}\n        {{- '[INST] ' + message['content'] | trim + ' [/INST]' }}\n    {%- else %}\n        {{- ' ' + message['content'] | trim + ' </s>' }}\n    {%- endif %}\n{%- endfor %}\n",
    "{%- if messages[0].role == 'system' %}{%- set sys = messages[0].content %}{%- set loop_messages = messages[1:] %}{%- else %}{%- set loop_messages = messages %}{%- endif %}\n{%- for m in loop_messages %}\n{%- if (m.role == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('alternate!') }}{% endif %}\n<|{{ m.role }}|>{{ m.content }}{% if loop.last and sys is defined %}({{ sys }}){% endif %}\n{%- endfor %}\n",
    "{%- set reasoning = '<think>\\nplan\\n</think>\\n\\nanswer' %}{{ reasoning.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}|{{ reasoning.split('</think>')[-1].lstrip('\\n') }}",
    "{% for m in messages %}{{ m.content is string }}{{ m['content'] is defined }}{{ m.tool_calls is defined }}{% endfor %}|{{ messages | map(attribute='role') | unique | join(',') }}",
    # batch 2: trickier corners
    "{%- for m in messages -%}\n  {%- if not loop.first %}, {% endif -%}\n  {{ m.role }}\n{%- endfor %}",
    "{% if t %}a{% elif n %}b{% else %}c{% endif %}{% if none %}x{% elif n > 5 %}y{% endif %}{% if [] %}z{% endif %}{% if {} %}w{% endif %}{% if '' %}v{% endif %}{% if 0.0 %}u{% endif %}",
    "{{ 'a' if t else 'b' if n else 'c' }}|{{ ('x' if false) ~ 'y' }}|{{ [1, 2][0] if xs else 0 }}|{{ (n + 1) * 2 }}|{{ n - -1 }}|{{ 2 * 3 ** 2 }}|{{ -2 ** 2 }}",
    "{{ xs[0:1] }}|{{ xs[5:] }}|{{ xs[-2:] }}|{{ s[::2] }}|{{ s[-3:-1] }}|{{ 'abc'[1] }}|{{ words[1:3] | join }}|{{ xs[1:][0] }}",
    "{{ d.a }}{{ d['a'] }}{{ d.zz }}|{{ messages[0].role }}{{ messages[0]['role'] }}|{{ messages | length > 2 }}|{{ messages[-1].content | upper }}",
    "{% set x = 'outer' %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 'later' %}{{ m() }}",
    "{% for i in range(3) %}{{ loop.index }}{% if loop.last %}!{% endif %}{% endfor %}{{ range(3) | list }}{{ range(2, 8, 3) | list }}",
    "{% for k, v in d | dictsort %}{{ k }}:{{ v }},{% endfor %}|{% for p in people | sort(attribute='name', case_sensitive=true) %}{{ p.name }}{% endfor %}|{% for p in people | sort(attribute='name') %}{{ p.name }}{% endfor %}",
    "{{ 'Hello' ~ ' ' ~ 3 ~ none ~ t }}|{{ 5 ~ '' }}|{{ xs ~ '' }}|{{ [none, t, 'x', 1.5, [1]] }}|{{ {'k': 'v', 'n': none} }}|{{ 'it\\'s' }}|{{ [\"it's\", 'say \"hi\"', 'both \\' \"'] }}|{{ ['a\\nb\\\\'] }}",
    "{{ n > 5 and 'big' or 'small' }}|{{ none is none }}|{{ none is not none }}|{{ not none }}|{{ 'x' is not string }}|{{ xs is not mapping }}",
    "{{ tools | map(attribute='function') | map(attribute='name') | list }}|{{ tools[0].function.parameters.properties | list }}|{{ tools[0]['function']['parameters'] | tojson }}",
    "{%- for message in messages %}{%- if message.role == 'assistant' %}{%- set content = message.content | trim %}{{ content }}{%- endif %}{%- endfor %}|{{ content }}",
    "{% set ns = namespace(sys='', rest=[]) %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.sys = m.content %}{% else %}{% set ns.rest = ns.rest + [m.content] %}{% endif %}{% endfor %}{{ ns.sys }}|{{ ns.rest | join('/') }}",
    "{{ 'A  B'.split(' ') }}|{{ 'a=b=c'.split('=', 1) }}|{{ ',a,'.split(',') }}|{{ 'x'.split('x') }}|{{ '  '.split() }}|{{ 'a\tb\nc'.split() }}",
    "{{ '%5s|%-5s|%03d|%x|%r|%s' % ('a', 'b', 7, 255, 'q', [1]) }}",
    "{{ 10000000000 }}|{{ 1.5e3 }}|{{ 123456789.125 }}|{{ 0.0001 }}|{{ 0.00001234 }}|{{ 1/3 }}|{{ 2.0 * 3 }}|{{ 7 / 7 }}|{{ 1_000 }}",
    "{{ messages | selectattr('content') | list | length }}|{{ [0, 1, '', 'a', none] | select | list }}|{{ [0, 1, '', 'a', none] | reject | list }}|{{ xs | map('string') | join('+') }}",
    "{% for m in messages %}{% if m.role == 'user' %}{% set last_user = loop.index0 %}{% endif %}{% endfor %}[{{ last_user }}]",
    "{%- macro fmt(v) -%}{%- if v is mapping -%}{ {%- for k, x in v.items() -%}{{ k }}: {{ fmt(x) }}{{ ', ' if not loop.last }}{%- endfor -%} }{%- elif v is iterable and v is not string -%}[{{ v | map('string') | join(', ') }}]{%- else -%}{{ v }}{%- endif -%}{%- endmacro -%}{{ fmt(d) }}",
    "  {%- if t %}\n  text\n  {%- endif %}\n",
    "{% for i in xs -%}\n  {{ i }}\n{% endfor %}",
    "{%- set sep = joiner if false else ', ' %}{{ words | join(sep) }}|{{ words | join(', ', attribute=none) }}",
    # undefined values: printing, testing and iterating are fine, looking inside is an error
    "[{{ zz }}]{{ zz is defined }}{{ zz | length }}{% for x in zz %}x{% endfor %}{{ zz ~ 'a' }}{{ zz | default('d') }}{{ 'k' in zz }}{{ zz | upper }}",
    "{{ d.zz is defined }}{{ d['zz'] is defined }}{{ messages[9] is defined }}{{ (d.zz or 'o') }}",
    # scoping
    "{% for i in [1, 2, 3] %}{% if loop.first %}{% set a = 1 %}{% endif %}[{{ a }}]{% endfor %}|{% set a = 0 %}{% for i in [1, 2] %}{{ a }}{% set a = i %}{{ a }};{% endfor %}{{ a }}",
    "{% macro m() %}{% set q = 5 %}{{ q }}{% endmacro %}{{ m() }}[{{ q }}]|{% set x = [1, 2] %}{% for x in x %}{{ x }}{% endfor %}{{ x }}|{% if true %}{% set z = 3 %}{% endif %}{{ z }}{% with %}{% set w = 1 %}{% endwith %}[{{ w }}]",
    # templates both renderers refuse
    "{{ zz.a }}",
    "{{ zz['a'] }}",
    "{{ d.zz.q }}",
    "{% if zz.a %}x{% endif %}",
    "{{ zz + 1 }}",
    "{{ 'a' + zz }}",
    "{{ zz.a is defined }}",
    "{{ raise_exception('boom') }}",
    "{% for %}{% endfor %}",
    "{{ 'unterminated }}",
    "{% if t %}open",
    "{{ 1 + }}",
    "{% endfor %}",
    "{% include 'other.jinja' %}",
    "{{ xs | no_such_filter }}",
    "{{ n is no_such_test }}",
    "{% set content = ' x ' %}{{ content|trim }}{{ '\\n' if t else '' }}{{ content | length }}{{ (content | trim)[0] }}",
]

out = []
for i, src in enumerate(CASES):
    try:
        got = env.from_string(src).render(**V)
        out.append({"name": "case-%02d" % i, "template": src, "output": got})
    except Exception as e:  # noqa: BLE001 - recorded as an expected failure
        out.append({"name": "case-%02d" % i, "template": src, "error": type(e).__name__ + ": " + str(e)})
print(json.dumps({"jinja2": __import__("jinja2").__version__, "variables": V, "cases": out},
                 ensure_ascii=False, indent=1))
