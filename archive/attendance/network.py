"""Who sat with whom: the co-attendance network of a set of meetings, as a networkx graph, its
GEXF and GraphML files, and a small SVG picture drawn on the server (no script).

Nodes are officials (``name``, ``meetings``: how many of the meetings they took part in);
an edge joins two officials who took part in the same meeting, ``weight`` = how many meetings.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from itertools import combinations

import networkx as nx
from django.utils.html import escape
from django.utils.safestring import mark_safe

PICTURE_NODES = 24  # the most present officials are drawn; the files hold everyone
PICTURE_EDGES = 60
SIZE = 360


def co_attendance(rows, names: dict[int, str]) -> nx.Graph:
    """``rows``: (meeting_id, official_id) pairs, any order; ``names``: official id → name."""
    present: dict[int, set[int]] = {}
    for meeting_id, official_id in rows:
        if official_id:
            present.setdefault(meeting_id, set()).add(official_id)
    meetings, together = Counter(), Counter()
    for people in present.values():
        ordered = sorted(people)
        meetings.update(ordered)
        together.update(combinations(ordered, 2))
    graph = nx.Graph()
    for official_id, count in meetings.items():
        graph.add_node(official_id, name=names.get(official_id, ""), meetings=count)
    for (a, b), count in together.items():
        graph.add_edge(a, b, weight=count)
    return graph


def as_gexf(graph: nx.Graph) -> bytes:
    out = io.BytesIO()
    nx.write_gexf(graph, out)
    return out.getvalue()


def as_graphml(graph: nx.Graph) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue()


def strongest_pairs(graph: nx.Graph, count: int = 20) -> list[tuple[dict, dict, int]]:
    edges = sorted(graph.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))[:count]
    return [({"id": a, **graph.nodes[a]}, {"id": b, **graph.nodes[b]}, w) for a, b, w in edges]


def picture(graph: nx.Graph, link: str = "") -> str:
    """The most present officials on a circle, most present at the top going clockwise; a line
    per pair, thicker for more meetings together. ``link``: a URL with ``{}`` for an official's id."""
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["meetings"], n))[:PICTURE_NODES]
    if len(top) < 2:
        return ""
    centre, radius = SIZE / 2, SIZE / 2 - 70
    at = {}
    for index, node in enumerate(top):
        angle = 2 * math.pi * index / len(top) - math.pi / 2
        at[node] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    shown = graph.subgraph(top)
    # The strongest pairs only: in a body that always meets whole, every pair is drawn otherwise.
    strongest_edges = sorted(shown.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))[:PICTURE_EDGES]
    strongest = strongest_edges[0][2] if strongest_edges else 1
    name = {node: escape(graph.nodes[node]["name"]) for node in top}  # the only text from the data
    lines = "".join(
        f'<line x1="{at[a][0]:.1f}" y1="{at[a][1]:.1f}" x2="{at[b][0]:.1f}" y2="{at[b][1]:.1f}" '
        f'stroke-width="{0.4 + 3.6 * w / strongest:.2f}"><title>{name[a]} · {name[b]}: {w}</title></line>'
        for a, b, w in strongest_edges[::-1]
    )
    most = graph.nodes[top[0]]["meetings"]
    dots = "".join(_dot(node, graph.nodes[node]["meetings"], name[node], at[node], most, link) for node in top)
    return mark_safe(
        f'<svg class="network" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" role="img" '
        f'aria-label="co-attendance"><g class="edges">{lines}</g><g class="nodes">{dots}</g></svg>'
    )


def _dot(node, meetings, name, where, most, link) -> str:
    x, y, angle = where
    r = 3 + 6 * math.sqrt(meetings / most)
    lx, ly = x + (r + 4) * math.cos(angle), y + (r + 4) * math.sin(angle) + 4
    anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
    href = escape(link.format(node)) if link else "#"
    return (
        f'<a href="{href}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{name}: {meetings}</title></circle>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{name}</text></a>'
    )
