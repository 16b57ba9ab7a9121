"""The indexed articles as Telegram HTML messages: the /sources list, an article's pages for
/source, and what the admin commands report (an article added or removed, a rebuild, /stats)."""

from __future__ import annotations

from collections.abc import Sequence

from answer.model import Ingested, Source
from answer.reply import format_date
from bot.blocks import MESSAGE_LIMIT, SPACER, Block, paginate, short_message
from corpus.model import Article
from corpus.text import paragraphs
from index.manifest import Manifest


def sources_messages(sources: Sequence[Source]) -> list[str]:
    blocks = [Block.strong(f"{len(sources)} bài báo đã lập chỉ mục:")]
    for source in sources:
        details = " · ".join(
            part for part in (format_date(source.date) if source.date else None, source.place) if part
        )
        line = f"• {source.id} — {source.title}" + (f" ({details})" if details else "")
        blocks.append(Block(line, ((2, 2 + len(source.id)),)))
    blocks.append(Block("Xem một bài: /source mã", tag="i"))
    return paginate(blocks)


def article_pages(article: Article, figure_count: int) -> list[str]:
    """The article's details, then its text paragraph by paragraph, cut into pages with a footer."""
    details = [
        f"Ngày: {format_date(article.date)}" if article.date else None,
        f"Nơi: {article.place}" if article.place else None,
        f"{figure_count} số liệu",
        f"mã {article.id}",
    ]
    blocks = [Block.strong(article.title), Block(" · ".join(d for d in details if d), tag="i")]
    if article.url:
        blocks.append(Block(article.url))
    blocks.append(SPACER)
    blocks += [Block(paragraph.text) for paragraph in paragraphs(article.text)]
    footer_room = 40  # "\n<i>Trang 12/34</i>"
    pages = paginate(blocks, MESSAGE_LIMIT - footer_room)
    if len(pages) == 1:
        return pages
    return [f"{page}\n<i>Trang {number}/{len(pages)}</i>" for number, page in enumerate(pages, 1)]


def ingested_message(ingested: Ingested) -> str:
    article = ingested.article
    verb = "Đã cập nhật" if ingested.replaced else "Đã thêm"
    return paginate(
        [
            Block(
                f"{verb} bài “{article.title}” (mã {article.id}): tìm thấy {ingested.figures} số liệu.",
                ((0, len(verb)),),
            ),
            Block("Có thể hỏi về bài này ngay bây giờ.", tag="i"),
        ]
    )[0]


def removed_message(removed: Sequence[Article]) -> str:
    names = "; ".join(f"{article.id} — {article.title}" for article in removed)
    return short_message(
        f"Đã bỏ {len(removed)} bài khỏi chỉ mục: {names}. Câu hỏi từ nay không dùng bài này nữa."
    )


def reindexed_message(manifest: Manifest, seconds: float) -> str:
    return short_message(
        f"Đã lập lại chỉ mục: {manifest.articles} bài, {manifest.passages} đoạn, "
        f"{manifest.figures} số liệu trong {seconds:.1f} giây."
    )


def stats_message(manifest: Manifest, feedback_count: int) -> str:
    return paginate(
        [
            Block.strong("Thống kê Số Liệu"),
            Block(f"Bài báo: {manifest.articles}"),
            Block(f"Đoạn văn: {manifest.passages}"),
            Block(f"Số liệu: {manifest.figures}"),
            Block(f"Báo sai: {feedback_count}"),
            Block(f"Mô hình: {manifest.encoder} / {manifest.model}"),
            Block(f"Lập chỉ mục lúc: {manifest.built_at}"),
        ]
    )[0]
