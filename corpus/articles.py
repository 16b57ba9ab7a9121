"""Read articles (.txt, .md, .html, .jsonl), clean page chrome, and find title, dates, place, author."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TypeVar

import frontmatter

from corpus.model import Article
from corpus.names import outside_brand_names
from corpus.numbers import find_quantities
from corpus.text import before, fold, normalize_text
from corpus.vocabulary import NATIONAL, vocabulary
from foundation.errors import ArticleError

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Bigger article files (or .jsonl lines) are skipped: a 16.5 MB one-line file never finished indexing,
# and the longest of 3,000 real news articles is 70 KB. Settings.max_article_mb overrides it.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
# How many skipped files the summary names; the warnings name them all.
SUMMARY_NAMED = 5
# A caption marked "Ảnh:" may run long; an unmarked one is a short line without a figure.
_MARKED_CAPTION_MAX_WORDS = 40
_CAPTION_MAX_WORDS = 30
# A title made from the first sentence is cut to this length.
_TITLE_MAX_CHARS = 120
# The event's date ("Ngày 12/10, …") and the year of a review stand in the first lines.
_EVENT_DATE_CHARS = 400
_LEAD_CHARS = 300
# A place right after "tỉnh", "tại", "trên địa bàn" is what the article is about; a mention only may not be.
_STRONG_PLACE_CUE_CHARS = 25
_STRONG_PLACE_WEIGHT = 3

log = logging.getLogger(__name__)
T = TypeVar("T")

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
_SENTENCE_FINAL = tuple('.!?…:;"”)»')


def bundled_corpus() -> Path:
    """The five seed articles shipped inside the package: the corpus when none is configured."""
    return Path(__file__).parent / "articles"


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        elif path.is_file():
            yield path
        else:
            raise ArticleError(f"Không tìm thấy tệp hoặc thư mục bài báo: {path}", path=path)


@dataclass(frozen=True)
class Skipped:
    """A file, or one line of a .jsonl file, left out of the corpus, and why (in words for the user)."""

    path: Path
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        return f"{self.path} dòng {self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Corpus:
    """What loading found: the good articles, and each file or line it had to leave out."""

    articles: list[Article]
    skipped: list[Skipped]

    def summary(self) -> str:
        """ "3.000 bài, 2 tệp bỏ qua: a.txt, b.jsonl dòng 4" """
        articles = f"{len(self.articles):,} bài".replace(",", ".")
        return f"{articles}, {skipped_summary(self.skipped)}" if self.skipped else articles


def skipped_summary(skipped: list[Skipped]) -> str:
    """ "1 tệp và 2 dòng bỏ qua: a.txt, b.jsonl dòng 4, b.jsonl dòng 9" """
    lines = sum(1 for item in skipped if item.line)
    files = len(skipped) - lines
    counted = " và ".join(part for part in (files and f"{files} tệp", lines and f"{lines} dòng") if part)
    named = ", ".join(item.where for item in skipped[:SUMMARY_NAMED])
    more = f" và {len(skipped) - SUMMARY_NAMED} mục khác" if len(skipped) > SUMMARY_NAMED else ""
    return f"{counted} bỏ qua: {named}{more}"


def load_corpus(paths: Iterable[Path], *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    """Every good article under the given files and directories, and what was left out."""
    skipped: list[Skipped] = []
    articles = list(iter_corpus(paths, skipped, max_article_bytes=max_article_bytes))
    return Corpus(articles, skipped)


def iter_corpus(
    paths: Iterable[Path], skipped: list[Skipped], *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article]:
    """The good articles, one at a time. A file or .jsonl line that cannot be used is skipped with one
    warning (and added to `skipped`), so one bad file never aborts a build; a duplicate id keeps the
    first article. A path that does not exist is still an error: the configuration is wrong."""
    parts = corpus_parts(paths, max_article_bytes=max_article_bytes)
    read = (p if isinstance(p, Skipped) else read_part(p, max_article_bytes=max_article_bytes) for p in parts)
    yield from admitted(read, skipped, lambda article: article)


@dataclass(frozen=True)
class CorpusPart:
    """One article file, or one line of a .jsonl file: what a worker process can read on its own."""

    path: Path
    line: int | None = None
    data: bytes = b""


def corpus_parts(
    paths: Iterable[Path], *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[CorpusPart | Skipped]:
    """The parts of a corpus in order, a .jsonl line too long already a Skipped record."""
    for path in iter_article_files(paths):
        if path.suffix.lower() not in JSONL_SUFFIXES:
            yield CorpusPart(path)
            continue
        try:
            with path.open("rb") as handle:
                for number, line in enumerate(_bounded_lines(handle, max_article_bytes), 1):
                    yield (
                        Skipped(path, number, _too_big(max_article_bytes))
                        if line is None
                        else CorpusPart(path, number, line)
                    )
        except OSError as error:
            yield Skipped(path, None, f"không đọc được tệp ({error.strerror or error})")


def read_part(part: CorpusPart, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Article | Skipped | None:
    """The article of one part (None for a blank line); what cannot be used comes out as a Skipped
    record, never an exception."""
    try:
        if part.line is not None:
            return _jsonl_article(part.path, part.line, part.data)
        if part.path.stat().st_size > max_article_bytes:
            return Skipped(part.path, None, _too_big(max_article_bytes))
        return parse_document(part.path.name, part.path.read_bytes(), path=str(part.path))
    except ArticleError as error:
        return Skipped(part.path, part.line, str(error))
    except OSError as error:
        return Skipped(part.path, part.line, f"không đọc được tệp ({error.strerror or error})")
    except Exception as error:  # a parser bug on one odd file must not cost the whole index
        log.debug("reading %s failed", part.path, exc_info=True)
        return Skipped(part.path, part.line, f"lỗi khi đọc ({type(error).__name__}: {error})")


def admitted(
    items: Iterable[T | Skipped | None], skipped: list[Skipped], article_of: Callable[[T], Article]
) -> Iterator[T]:
    """The items read in order, less a second article with an id already taken; each skip is logged
    once and added to `skipped`."""
    seen: dict[str, Article] = {}
    for item in items:
        if item is None:
            continue
        if not isinstance(item, Skipped):
            article = article_of(item)
            if article.id not in seen:
                seen[article.id] = article
                yield item
                continue
            item = Skipped(
                _file_of(article),
                _line_of(article),
                f"mã bài {article.id} trùng với bài ở {_location(seen[article.id])}.",
            )
        log.warning("Bỏ qua %s", item, extra={"skipped": item})
        skipped.append(item)


def count_articles(paths: Iterable[Path]) -> int:
    """About how many articles the paths hold (a .jsonl file's non-empty lines): for progress bars."""
    total = 0
    for path in iter_article_files(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def load_articles(paths: Iterable[Path], *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> list[Article]:
    """The good articles of `load_corpus` (skips are logged). A corpus where nothing could be read is
    an error, so it never replaces a good index with an empty one."""
    corpus = load_corpus(paths, max_article_bytes=max_article_bytes)
    if corpus.skipped and not corpus.articles:
        raise ArticleError(f"Không đọc được bài báo nào ({corpus.summary()}).")
    return corpus.articles


def read_file(path: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | Skipped]:
    """The articles of one file; what cannot be used comes out as a Skipped record, never an exception."""
    for part in corpus_parts([path], max_article_bytes=max_article_bytes):
        item = part if isinstance(part, Skipped) else read_part(part, max_article_bytes=max_article_bytes)
        if item is not None:
            yield item


def decode(data: bytes, name: str) -> str:
    """UTF-8, with or without a BOM. UTF-16 only with a BOM or, without one, NUL bytes in every other
    position as its Latin letters have: invalid UTF-8 of even length is not UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = _bomless_utf16(data) or "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ArticleError(f"Không đọc được {name}: tệp không phải văn bản UTF-8.") from None


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls >= len(sample) // 6 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= len(sample) // 6 and odd_nuls == 0:
        return "utf-16-be"
    return None


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
    """The articles of a .jsonl file, the first unusable line an error (`load_corpus` skips it instead)."""
    for item in read_jsonl_lines(path):
        if isinstance(item, Skipped):
            raise ArticleError(str(item), path=path)
        yield item


def read_jsonl_lines(
    path: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | Skipped]:
    """One article, or one Skipped record, per non-blank line."""
    yield from read_file(path, max_article_bytes=max_article_bytes)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file; one longer than `limit` is None, read past without holding it whole."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
        else:
            yield line


def _jsonl_article(path: Path, number: int, line: bytes) -> Article | None:
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise ArticleError("dòng không phải văn bản UTF-8.") from None
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(f"không phải JSON hợp lệ ({error.msg}).") from None
    if not isinstance(record, dict):
        raise ArticleError("cần một đối tượng JSON có 'id' và 'text'.")
    raw_id = record.get("id")
    article_id = _required_text("id", str(raw_id) if type(raw_id) is int else raw_id)
    body = _required_text("text", record.get("text"))
    meta = {k: record.get(k) for k in ("title", "date", "url", "place", "publisher")}
    for field, value in meta.items():
        if value is not None and not isinstance(value, str):
            raise ArticleError(f"'{field}' phải là một chuỗi (đang là {_shown(value)}).")
    return parse_text(body, article_id.strip(), path=f"{path}#{number}", meta=meta)


def _required_text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ArticleError(f"'{field}' phải là một chuỗi không rỗng (đang là {_shown(value)}).")
    return value


def check_upload_name(name: str, indexed: Mapping[str, Article], upload_dir: Path) -> None:
    """Refuse an upload whose id (its file stem) another article already has: both files would be in
    every rebuild and one of them left out. Sending the same upload again, same name, replaces it."""
    existing = indexed.get(Path(name).stem)
    if existing is None:
        return
    where = Path(existing.path or "")
    if where.name == Path(name).name and where.parent.resolve() == upload_dir.resolve():
        return
    raise ArticleError(
        f"Đã có bài mã {existing.id} ({_location(existing)}): hãy đổi tên tệp {Path(name).name} rồi gửi lại."
    )


def _shown(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _too_big(limit: int) -> str:
    return f"lớn quá {limit / 1024 / 1024:g} MB (đặt SOLIEU_MAX_ARTICLE_MB để nâng giới hạn)."


def _line_of(article: Article) -> int | None:
    """The .jsonl line an article came from: its path ends "#<line>"."""
    found = re.search(r"#(\d+)$", article.path or "")
    return int(found.group(1)) if found else None


def _file_of(article: Article) -> Path:
    return Path(re.sub(r"#\d+$", "", article.path or ""))


def _location(article: Article) -> str:
    line = _line_of(article)
    path = article.path or ""
    return re.sub(r"#\d+$", f" dòng {line}", path) if line else path


def parse_html(html: str, article_id: str, *, path: str | None = None) -> Article:
    """Main text with trafilatura (it knows page chrome), then our own cleaning and metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not text:
        raise ArticleError(f"Không tìm thấy nội dung bài báo trong {article_id}.html.")
    metadata = trafilatura.extract_metadata(html)
    meta = {}
    if metadata is not None:
        meta = {
            "title": metadata.title,
            "date": metadata.date,
            "url": metadata.url,
            "publisher": metadata.sitename,
        }
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
    raw = normalize_text(raw)
    meta = {k: v for k, v in (meta or {}).items() if v}
    if raw.lstrip().startswith("---"):
        post = _front_matter(raw, article_id)
        meta.update({k: str(v) for k, v in post.metadata.items() if v})
        raw = post.content
    lines = [part for line in raw.split("\n") for part in _unglued(" ".join(line.split()))]
    page_date, body = _take_page_date(
        [line for line in lines if line], _metadata_date(meta.get("date"), article_id)
    )
    outlet_place, body = _take_outlet_prefixes(body)
    title, body = _take_title(body, meta.get("title"))
    author = meta.get("author")
    if body and _is_byline(body[-1]):
        author = author or _titlecase(body.pop())
    body = [line for line in _drop_teasers(body) if not _is_caption(line)]
    text = "\n\n".join(body)
    if not text.strip():
        raise ArticleError(f"Bài {article_id} không có nội dung.")
    title = title or _title_from(text)
    event_date = _event_date(text, page_date, title)
    place = (
        _canonical_place(meta.get("place")) or outlet_place or _dominant_place(raw_for_place or raw, title)
    )
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


def _take_page_date(lines: list[str], page_date: str | None) -> tuple[str | None, list[str]]:
    """The page's date line ("Thứ hai, 12/10/2020") read and dropped with the site's chrome; the date
    the metadata gives wins."""
    body = []
    for line in lines:
        found = _PAGE_DATE_LINE.match(line)
        if found:
            page_date = page_date or _iso_from_parts(*found.groups())
        elif not _CHROME.match(line):
            body.append(line)
    return page_date, body


def _take_outlet_prefixes(body: list[str]) -> tuple[str | None, list[str]]:
    """A local outlet's prefix ("(Baohaiduong) - …") says the article's province; it is not text."""
    outlets = vocabulary().outlets
    outlet_place = None
    stripped = []
    for line in body:
        prefix = _OUTLET_PREFIX.match(line)
        if prefix and prefix.group(1) in outlets:
            outlet_place = outlet_place or outlets[prefix.group(1)]
            line = line[prefix.end() :]
        stripped.append(line)
    return outlet_place, stripped


def _take_title(body: list[str], title: str | None) -> tuple[str | None, list[str]]:
    """The title the metadata gives (its repeat as the first line dropped), else a heading line."""
    if not title and len(body) > 1 and _is_heading(body[0]):
        return body[0], body[1:]
    if title and body and fold(body[0]) == fold(title):
        return title, body[1:]
    return title, body


def _front_matter(raw: str, article_id: str) -> frontmatter.Post:
    import yaml

    try:
        return frontmatter.loads(raw)
    except yaml.YAMLError as error:
        problem = str(getattr(error, "problem", None) or error).split("\n")[0]
        raise ArticleError(f"Phần đầu (YAML) của bài {article_id} không hợp lệ: {problem}.") from None
    except ValueError as error:  # YAML reads 2021-02-30 as a date, and no such day exists
        raise ArticleError(f"Phần đầu (YAML) của bài {article_id} có ngày không tồn tại ({error}).") from None


# A heading or caption glued to the next sentence: "…116,5 tỉ USDChiều 29-3, trong thông cáo …",
# "… hiện đạiTheo phó thủ tướng …". Only a dateline or a word that opens sentences splits, so brand
# names (VinFast, MobiFone, LienVietPostBank, ĐăkLăk) stay whole.
_GLUED = re.compile(
    r"(?<=\S)(?=(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày|Hôm)(?: nay| qua)? \d{1,2} ?[-/] ?\d{1,2}"
    r"|(?:Theo|Tại|Trong|Ngoài|Sau|Trước|Ông|Bà|Báo|Dự|Thủ|Xây|Định|Năm|Hiện|Cụ|Với|Từ) )"
)


def _unglued(line: str) -> list[str]:
    """The line split where a lower-case letter, digit, %, ")" or a word in capitals (USD, a
    photographer's name) runs straight into a dateline or a sentence opener."""
    parts, start = [], 0
    for found in _GLUED.finditer(line):
        before = line[max(0, found.start() - 2) : found.start()]
        glued = (
            before[-1].islower()
            or before[-1].isdigit()
            or before[-1] in "%)"
            or (len(before) == 2 and before.isupper())
        )
        if glued and found.start() > start:
            parts.append(line[start : found.start()])
            start = found.start()
    return [*parts, line[start:]]


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
    if _CAPTION_MARK.search(line) and len(line.split()) <= _MARKED_CAPTION_MAX_WORDS:
        return True
    if line.endswith(_SENTENCE_FINAL) or len(line.split()) > _CAPTION_MAX_WORDS:
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
    for line, flat in zip(lines, squashed, strict=True):
        offset += len(flat)
        needle = flat.rstrip(".…")
        if len(needle) >= 20 and needle in joined[offset:]:
            continue
        kept.append(line)
    return kept


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.split("\n")[0], maxsplit=1)[0]
    if len(first) <= _TITLE_MAX_CHARS:
        return first.rstrip(".")
    return first[: _TITLE_MAX_CHARS - 3].rsplit(" ", 1)[0] + "…"


def _metadata_date(value: str | None, article_id: str) -> str | None:
    """The ISO date a metadata value gives; an impossible date (30-02) is an error, not a silent None."""
    if not value:
        return None
    value = str(value)
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    found = (
        iso.groups()[::-1] if iso else (written.groups() if (written := re.search(_DATE, value)) else None)
    )
    if found is None:
        return None
    day = _iso_from_parts(*found)
    if day is None:
        raise ArticleError(f"Bài {article_id} có ngày không tồn tại: {value}.")
    return day


def _iso_from_parts(day: str, month: str, year: str | None) -> str | None:
    try:
        if year:
            return date(int(year), int(month), int(day)).isoformat()
        date(2000, int(month), int(day))
    except ValueError:
        return None
    return f"--{int(month):02d}-{int(day):02d}"


def _event_date(text: str, page_date: str | None, title: str) -> str | None:
    found = _EVENT_DATE.search(text[:_EVENT_DATE_CHARS])
    if not found:
        return None
    day, month, year = found.groups()
    if not year:
        if page_date and page_date[0].isdigit():
            year = page_date[:4]
        elif int(month) <= vocabulary().review_season_months:
            # A January review with no year reports on last year and plans this one: the title's
            # latest year is the year it is held.
            years = [
                int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", title + " " + text[:_LEAD_CHARS])
            ]
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
# The title and this much of the text are the lead, which names what an article is about.
_LEAD_CHARS = 300
_NATIONAL_OVER_PROVINCE = 3
_STRONG_PLACE = re.compile(r"(?:tỉnh|UBND|thành phố|TP\.?|Sở Công [Tt]hương|ngành Công [Tt]hương)\s*$")


def _dominant_place(raw: str, title: str = "") -> str | None:
    """The province an article is about. Its title and lead say it first: one province named there
    decides, and so does the nation (or a national agency) named there with no province and no
    province's own body ("UBND tỉnh"), so an anecdote about Điện Biên deep in a national report does
    not make the report Điện Biên's. Otherwise the one named most in the whole text, "tỉnh X"
    counting triple, unknown on a tie; national when the nation is named far more than any province."""
    lead = f"{title}\n{raw[:_LEAD_CHARS]}"
    lead_scores, lead_national = _place_mentions(lead)
    if len(lead_scores) == 1:
        return next(iter(lead_scores))
    if not lead_scores and lead_national and not vocabulary().provincial_cue_matcher.find(lead):
        return _the_nation(f"{title}\n{raw}")
    scores, national = _place_mentions(raw)
    ranked = scores.most_common(2)
    top = ranked[0][1] if ranked else 0
    local = len(vocabulary().provincial_cue_matcher.find(raw))
    if national >= _NATIONAL_MIN_MENTIONS and national >= _NATIONAL_OVER_PROVINCE * (top + local):
        return _the_nation(f"{title}\n{raw}")
    if not ranked or top < 2 or (len(ranked) > 1 and ranked[1][1] == top):
        return None
    return ranked[0][0]


def _the_nation(text: str) -> str | None:
    """An article speaks for the whole of Việt Nam only if it is about Việt Nam: the "toàn quốc" and
    "Chính phủ" of a report on Canada are Canada's, a nation no province-keyed figure belongs to."""
    return NATIONAL if vocabulary().names_vietnam(text) else None


def _place_mentions(text: str) -> tuple[Counter[str], int]:
    """Province scores ("tỉnh X" counting triple) and how often the nation or its agencies are named."""
    scores: Counter[str] = Counter()
    places = vocabulary().find_places(text)
    national = len(vocabulary().national_sources(text, places))
    for match in outside_brand_names(text, places):
        if match.key == NATIONAL:
            national += 1
        if match.key == NATIONAL or vocabulary().is_foreign(match.key):
            continue
        strong = _STRONG_PLACE.search(before(text, match.start, _STRONG_PLACE_CUE_CHARS))
        scores[match.key] += _STRONG_PLACE_WEIGHT if strong else 1
    return scores, national
