"""Localities a document's metadata names, and the --locality-map file (site domain or folder → locality)."""

from __future__ import annotations

import csv
import re
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from .documents import IntakeError
from .place_names import places_named

# Administrative units, largest first as they are written: 绍兴市柯桥区 → 绍兴市, 柯桥区.
_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|地区|新区|街道|省|市|区|县|旗|盟|州|镇|乡)")
# What follows the place in a site's name: the organ that runs the site.
_ORGAN = re.compile(
    r"(?:人民政府|政府|人大常委会|人民代表大会常务委员会|人大|政协|委员会|党委|委|门户网站|网站|政务网|政府网|网)+$"
)


def site_locality(site: str) -> str:
    """The place a site's name is the government of: 绍兴市柯桥区人民政府 → 柯桥区; '' when it names none.

    The name must be a place and its organ (so 示例新闻网 or 区财政局 name no place)."""
    name = re.sub(r"\s+", "", site or "")
    place = _ORGAN.sub("", name)
    if not place or place == name:
        return ""
    # Division names first: 湖州市安吉县 is 湖州市 + 安吉县 (not 湖州 + 市安吉县), 嘉兴市桐乡市 ends in 桐乡市.
    names = places_named(place)
    if names and "".join(names) == place:
        return names[-1]
    units = []
    at = 0
    while at < len(place):
        m = _UNIT.match(place, at)
        if not m:
            return ""
        units.append(m.group())
        at = m.end()
    return units[-1] if units else ""


class LocalityMap:
    """``--locality-map FILE``: CSV rows ``key,locality``. A key with a dot and no slash is a site
    domain (``www.kq.gov.cn``; its subdomains match too); any other key is a folder, matched
    against the folders of the file's path. The longest matching key wins."""

    def __init__(self, domains: dict[str, str] | None = None, folders: dict[str, str] | None = None):
        self.domains = domains or {}
        self.folders = folders or {}

    @classmethod
    def read(cls, path: str | Path) -> LocalityMap:
        domains, folders = {}, {}
        try:
            with open(path, encoding="utf-8-sig", newline="") as file:
                rows = list(csv.reader(file))
        except (OSError, UnicodeDecodeError) as exc:
            raise IntakeError(f"{path}: the locality map cannot be read ({exc})") from None
        for number, row in enumerate(rows, 1):
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if len(cells) != 2 or not all(cells):
                raise IntakeError(f"{path}:{number}: a locality map row is 'site domain or folder,locality'")
            key, locality = cells
            if number == 1 and locality.lower() == "locality":
                continue  # a header row
            if "/" not in key and "." in key and not key.startswith("."):
                domains[key.lower().removeprefix("http://").removeprefix("https://")] = locality
            else:
                folders[key.rstrip("/")] = locality
        return cls(domains, folders)

    def __bool__(self):
        return bool(self.domains or self.folders)

    def locality(self, path: str, url: str = "") -> str:
        """The mapped locality of a document at ``path`` published at ``url``; '' when none maps."""
        host = (urlsplit(url).hostname or "") if url else ""
        if host:
            for domain in sorted(self.domains, key=len, reverse=True):
                if host == domain or host.endswith("." + domain):
                    return self.domains[domain]
        parts = PurePath(path).parent.parts
        best = ""
        for key, locality in self.folders.items():
            key_parts = PurePath(key).parts
            n = len(key_parts)
            if any(tuple(parts[i : i + n]) == key_parts for i in range(len(parts) - n + 1)) and len(key) > len(best):
                best, found = key, locality
        return found if best else ""
