"""Read articles (.txt, .md, .html, .jsonl), clean page chrome, and find title, dates, place, author."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import frontmatter

from corpus.model import Article
from corpus.numbers import find_quantities
from corpus.text import fold, normalize
from corpus.vocabulary import FOREIGN, NATIONAL, vocabulary
from solieu.errors import ArticleError

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Lines that belong to the web page, not to the article.
_CHROME = re.compile(
    r"^(?:hỗ trợ trực tuyến|chuyên mục khác|tin liên quan|tin khác|bài liên quan|bài viết liên quan|"
    r"tin cùng chuyên mục|xem thêm|xem tiếp|đọc tiếp|chia sẻ|bình luận|in bài|gửi bài|gửi email|trở về|"
    r"về đầu trang|từ khóa|từ khoá|tags?|đăng nhập|quảng cáo|bản quyền|©|copyright|liên hệ|"
    r"theo dõi chúng tôi|facebook|twitter|zalo|email|hotline)\b.*$"
    r"|^[\d\s.+()-]{9,}$",
    re.IGNORECASE,
)
_DATE = r"(\d{1,2})\s*[/–-]\s*(\d{1,2})\s*[/–-]\s*(\d{4})"
_PAGE_DATE_LINE = re.compile(
    rf"^(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?{_DATE}(?:\s*[,-]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s*\(?GMT[+-]\d+\)?)?$",
    re.IGNORECASE,
)
_EVENT_DATE = re.compile(
    r"(?:sáng|chiều|tối|trưa|ngày|hôm)\s*(?:ngày\s*)?(?:\w+\s*,\s*)?(\d{1,2})\s*[/–-]\s*(\d{1,2})(?:\s*[/–-]\s*(\d{4}))?",
    re.IGNORECASE,
)
_OUTLET_PREFIX = re.compile(r"^\(?([A-ZĐ]{2,6})\)?\s*[-–—]\s*")
_CAPTION_MARK = re.compile(r"(?:^|\s|\()(?:ảnh|Ảnh|photo)\s*:", re.IGNORECASE)
_SENTENCE_FINAL = tuple(".!?…:;\"”)»")


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise ArticleError(f"Không tìm thấy tệp hoặc thư mục bài báo: {path}")


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """Every article under the given files and directories, ids unique (a later duplicate id is an error)."""
    articles: dict[str, Article] = {}
    for path in iter_article_files(paths):
        for article in read_articles(path):
            if article.id in articles:
                raise ArticleError(f"Mã bài báo bị trùng: {article.id} ({path})")
            articles[article.id] = article
    return list(articles.values())


def read_articles(path: Path) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    elif suffix in ARTICLE_SUFFIXES:
        yield parse_document(path.name, path.read_bytes(), path=str(path))
    else:
        raise ArticleError(f"Định dạng không hỗ trợ: {path.name} (chỉ nhận .txt, .md, .html, .jsonl)")


def decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "utf-16") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleError(f"Không đọc được {name}: tệp không phải văn bản UTF-8.")


def parse_document(name: str, data: bytes, *, path: str | None = None) -> Article:
    """One .txt/.md/.html document (from disk or an upload) → an Article, id from the file stem."""
    article_id = Path(name).stem
    suffix = Path(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ArticleError(f"Định dạng không hỗ trợ: {name} (chỉ nhận .txt, .md, .html)")
    raw = decode(data, name)
    if suffix in HTML_SUFFIXES:
        return parse_html(raw, article_id, path=path)
    return parse_text(raw, article_id, path=path)


def read_jsonl(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                article_id, text = str(record["id"]), record["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ArticleError(f"{path.name} dòng {number}: cần một đối tượng JSON có 'id' và 'text' ({error}).") from None
            meta = {k: record.get(k) for k in ("title", "date", "url", "place", "publisher")}
            yield parse_text(text, article_id, path=f"{path}#{number}", meta=meta)


def parse_html(html: str, article_id: str, *, path: str | None = None) -> Article:
    """Main text with trafilatura (it knows page chrome), then our own cleaning and metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not text:
        raise ArticleError(f"Không tìm thấy nội dung bài báo trong {article_id}.html.")
    metadata = trafilatura.extract_metadata(html)
    meta = {}
    if metadata is not None:
        meta = {"title": metadata.title, "date": metadata.date, "url": metadata.url, "publisher": metadata.sitename}
        meta["author"] = metadata.author
    return parse_text(text, article_id, path=path, meta=meta, raw_for_place=html)


def parse_text(
    raw: str,
    article_id: str,
    *,
    path: str | None = None,
    meta: dict | None = None,
    raw_for_place: str | None = None,
) -> Article:
    """Clean one plain-text article and read its metadata. Front matter (title, date, url, place,
    publisher) overrides what the text says."""
    raw = normalize(raw)
    meta = {k: v for k, v in (meta or {}).items() if v}
    if raw.lstrip().startswith("---"):
        post = frontmatter.loads(raw)
        meta.update({k: str(v) for k, v in post.metadata.items() if v})
        raw = post.content
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    lines = [line for line in lines if line]

    page_date = _iso(meta.get("date"))
    body: list[str] = []
    for line in lines:
        found = _PAGE_DATE_LINE.match(line)
        if found:
            page_date = page_date or _iso_from_parts(*found.groups())
        elif not _CHROME.match(line):
            body.append(line)

    outlet_place = None
    stripped = []
    for line in body:
        prefix = _OUTLET_PREFIX.match(line)
        if prefix and prefix.group(1) in vocabulary().outlets:
            outlet_place = outlet_place or vocabulary().outlets[prefix.group(1)]
            line = line[prefix.end() :]
        stripped.append(line)
    body = stripped

    title = meta.get("title")
    if not title and len(body) > 1 and _is_heading(body[0]):
        title = body.pop(0)
    elif title and body and fold(body[0]) == fold(title):
        body.pop(0)

    author = meta.get("author")
    if body and _is_byline(body[-1]):
        author = author or _titlecase(body.pop())

    body = _drop_teasers(body)
    body = [line for line in body if not _is_caption(line)]
    text = "\n\n".join(body)
    if not text.strip():
        raise ArticleError(f"Bài {article_id} không có nội dung.")
    title = title or _title_from(text)

    event_date = _event_date(text, page_date, title)
    place = _canonical_place(meta.get("place")) or outlet_place or _dominant_place(raw_for_place or raw)
    return Article(
        id=article_id,
        title=title,
        text=text,
        date=page_date or (event_date if event_date and event_date[0].isdigit() else None),
        event_date=event_date,
        place=place,
        author=author,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        path=path,
    )


def _is_heading(line: str) -> bool:
    return len(line) <= 200 and not line.endswith(_SENTENCE_FINAL)


def _is_byline(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 4 or re.search(r"[\d.,:;!?]", line):
        return False
    return all(word[0].isupper() for word in words)


def _titlecase(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split()) if name.isupper() else name


def _is_caption(line: str) -> bool:
    """Photo captions are short, unpunctuated and carry no figures; "Ảnh:" always marks one."""
    if _CAPTION_MARK.search(line) and len(line.split()) <= 40:
        return True
    if line.endswith(_SENTENCE_FINAL) or len(line.split()) > 30:
        return False
    return not find_quantities(line)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drop_teasers(lines: list[str]) -> list[str]:
    """Drop a paragraph repeated later in the article (teasers, repeated captions), keeping the last
    copy, so no sentence is lost."""
    squashed = [_squash(line) for line in lines]
    joined = "".join(squashed)
    kept, offset = [], 0
    for line, flat in zip(lines, squashed):
        offset += len(flat)
        needle = flat.rstrip(".…")
        if len(needle) >= 20 and needle in joined[offset:]:
            continue
        kept.append(line)
    return kept


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.split("\n")[0], maxsplit=1)[0]
    if len(first) <= 120:
        return first.rstrip(".")
    return first[:117].rsplit(" ", 1)[0] + "…"


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    value = str(value)
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    found = re.search(_DATE, value)
    return _iso_from_parts(*found.groups()) if found else None


def _iso_from_parts(day: str, month: str, year: str | None) -> str | None:
    try:
        if year:
            return date(int(year), int(month), int(day)).isoformat()
        date(2000, int(month), int(day))
    except ValueError:
        return None
    return f"--{int(month):02d}-{int(day):02d}"


def _event_date(text: str, page_date: str | None, title: str) -> str | None:
    found = _EVENT_DATE.search(text[:400])
    if not found:
        return None
    day, month, year = found.groups()
    if not year:
        if page_date and page_date[0].isdigit():
            year = page_date[:4]
        elif int(month) <= vocabulary().review_season_months:
            # A January review with no year reports on last year and plans this one: the title's
            # latest year is the year it is held.
            years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", title + " " + text[:300])]
            year = str(max(years)) if years else None
    return _iso_from_parts(day, month, year)


def _canonical_place(name: str | None) -> str | None:
    if not name:
        return None
    found = vocabulary().find_places(name, any_case=True)
    return found[0].key if found else None


# An article is national when it names the nation or its agencies at least this often, and this many
# times more than its most-named province.
_NATIONAL_MIN_MENTIONS = 2
_NATIONAL_OVER_PROVINCE = 3
_STRONG_PLACE = re.compile(r"(?:tỉnh|UBND|thành phố|TP\.?|Sở Công [Tt]hương|ngành Công [Tt]hương)\s*$")


def _dominant_place(raw: str) -> str | None:
    """The province an article is about: the one named most, a "tỉnh X" counting triple; unknown on a
    tie. An article that names the nation and its agencies far more than any province (or a
    province's own bodies: "UBND tỉnh", "Sở Công Thương") is national."""
    scores: Counter[str] = Counter()
    national = len(vocabulary().national_source_matcher.find(raw))
    for match in vocabulary().find_places(raw):
        if match.key == NATIONAL:
            national += 1
        if match.key in (NATIONAL, FOREIGN):
            continue
        strong = _STRONG_PLACE.search(raw[max(0, match.start - 25) : match.start])
        scores[match.key] += 3 if strong else 1
    ranked = scores.most_common(2)
    top = ranked[0][1] if ranked else 0
    local = len(vocabulary().provincial_cue_matcher.find(raw))
    if national >= _NATIONAL_MIN_MENTIONS and national >= _NATIONAL_OVER_PROVINCE * (top + local):
        return NATIONAL
    if not ranked or top < 2 or (len(ranked) > 1 and ranked[1][1] == top):
        return None
    return ranked[0][0]


def content_hash(articles: Iterable[Article]) -> str:
    """Identifies a corpus: changes when any article's id, text or metadata changes."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(json.dumps(article.__dict__, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]
