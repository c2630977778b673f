"""Demo legal advice for `manage.py load_demo`: ten answered questions and two waiting in the
queue, all written for the demo (no real person; the contacts are example.vn addresses). Runs after
the library's demo and cites its laws. Idempotent: each question is looked up by its slug."""

from django.utils import timezone

from advice.models import Question
from documents.models import Document

F = Question.Field

ANSWERED = [
    {
        "title": "Công ty chậm trả lương hai tháng, tôi có được nghỉ việc ngay không?",
        "field": F.WAGES,
        "question": "Tôi làm công nhân may ở khu công nghiệp Lộc Sơn. Đã hai tháng nay công ty "
        "chưa trả lương, chỉ hứa sẽ trả sau. Tôi có được nghỉ việc ngay mà không cần báo "
        "trước không, và có mất quyền lợi gì không?",
        "answer": "<p>Có. Theo điểm b khoản 2 Điều 35 Bộ luật Lao động 2019, người lao động có "
        "quyền đơn phương chấm dứt hợp đồng lao động <strong>không cần báo trước</strong> khi "
        "không được trả đủ lương hoặc trả lương không đúng thời hạn, trừ trường hợp bất khả "
        "kháng mà người sử dụng lao động đã tìm mọi cách khắc phục.</p><p>Khi nghỉ việc đúng "
        "luật, bạn vẫn được thanh toán đầy đủ tiền lương còn nợ, trợ cấp thôi việc (nếu đủ "
        "điều kiện) và được trả lại sổ bảo hiểm xã hội. Bạn nên gửi thông báo bằng văn bản, giữ "
        "một bản, và liên hệ công đoàn cơ sở hoặc Liên đoàn Lao động tỉnh để được hỗ trợ.</p>",
        "cites": ["bo-luat-lao-dong-2019"],
        "name": "Chị H.",
        "show_name": True,
        "days_ago": 40,
    },
    {
        "title": "Làm thêm giờ vào ngày lễ được trả lương thế nào?",
        "field": F.WAGES,
        "question": "Ngày 30/4 và 1/5 vừa rồi tôi được phân công đi làm. Công ty trả thêm 200% "
        "lương có đúng không?",
        "answer": "<p>Chưa đúng. Theo Điều 98 Bộ luật Lao động 2019, làm thêm giờ vào ngày nghỉ "
        "lễ, tết, ngày nghỉ có hưởng lương được trả <strong>ít nhất bằng 300%</strong> tiền "
        "lương, chưa kể tiền lương của ngày lễ đối với người hưởng lương theo ngày. Bạn có thể "
        "đề nghị công đoàn cơ sở cùng đối chiếu bảng lương với phòng nhân sự.</p>",
        "cites": ["bo-luat-lao-dong-2019"],
        "days_ago": 33,
    },
    {
        "title": "Mức lương tối thiểu vùng ở Đà Lạt là bao nhiêu?",
        "field": F.WAGES,
        "question": "Tôi làm phục vụ nhà hàng ở Đà Lạt, lương thỏa thuận thấp hơn mức của bạn "
        "bè làm ở Bảo Lộc. Lương tối thiểu vùng ở hai nơi có khác nhau không?",
        "answer": "<p>Mức lương tối thiểu tháng, giờ được Chính phủ quy định theo vùng (I đến IV) "
        "và danh mục địa bàn kèm theo nghị định về lương tối thiểu. Hai địa bàn có thể thuộc hai "
        "vùng khác nhau nên mức sàn khác nhau. Lương trả cho bạn, với công việc giản đơn trong "
        "điều kiện bình thường, không được thấp hơn mức tối thiểu của vùng nơi bạn làm việc.</p>"
        "<p>Hãy đối chiếu nghị định đang có hiệu lực trong thư viện văn bản; nếu lương thấp hơn "
        "mức sàn, bạn có quyền đề nghị công ty điều chỉnh và truy trả phần chênh lệch.</p>",
        "cites": ["nghi-dinh-74-2024-luong-toi-thieu"],
        "days_ago": 26,
    },
    {
        "title": "Nghỉ việc rồi có được rút bảo hiểm xã hội một lần không?",
        "field": F.SOCIAL_INSURANCE,
        "question": "Tôi đóng bảo hiểm xã hội được 6 năm rồi nghỉ việc. Tôi muốn rút bảo hiểm "
        "một lần để lo việc gia đình có được không?",
        "answer": "<p>Từ ngày 1/7/2025, Luật Bảo hiểm xã hội năm 2024 có hiệu lực và thu hẹp các "
        "trường hợp hưởng bảo hiểm xã hội một lần đối với người bắt đầu đóng từ ngày này. Người "
        "đã đóng trước ngày 1/7/2025 vẫn được giải quyết theo quy định chuyển tiếp khi đủ điều "
        "kiện (sau 12 tháng không tiếp tục đóng và có yêu cầu).</p><p>Tuy vậy, rút một lần "
        "sẽ mất thời gian đóng đã tích lũy để tính lương hưu. Bạn nên cân nhắc bảo lưu; cán "
        "bộ tư vấn có thể giúp bạn tính hai phương án.</p>",
        "cites": ["luat-bao-hiem-xa-hoi-2024"],
        "days_ago": 21,
    },
    {
        "title": "Công ty không đóng bảo hiểm xã hội cho người làm hợp đồng thử việc",
        "field": F.SOCIAL_INSURANCE,
        "question": "Tôi thử việc 2 tháng rồi ký hợp đồng 1 năm. Công ty nói trong thời gian "
        "thử việc không phải đóng bảo hiểm. Như vậy có đúng không?",
        "answer": "<p>Nếu thử việc theo <em>thỏa thuận thử việc</em> riêng thì thời gian đó "
        "không thuộc diện đóng bảo hiểm xã hội bắt buộc. Nếu nội dung thử việc được ghi ngay "
        "trong hợp đồng lao động từ đủ 1 tháng trở lên thì bạn thuộc diện đóng bảo hiểm ngay từ "
        "khi hợp đồng có hiệu lực. Kể từ khi ký hợp đồng 1 năm, công ty bắt buộc phải đóng.</p>",
        "cites": ["luat-bao-hiem-xa-hoi-2024", "bo-luat-lao-dong-2019"],
        "days_ago": 18,
    },
    {
        "title": "Hợp đồng lao động ký bằng tin nhắn Zalo có giá trị không?",
        "field": F.CONTRACTS,
        "question": "Chủ cơ sở nhận tôi vào làm chỉ qua tin nhắn Zalo, hẹn lương 7 triệu một "
        "tháng. Như vậy có được xem là hợp đồng lao động không?",
        "answer": "<p>Điều 14 Bộ luật Lao động 2019 cho phép giao kết hợp đồng lao động qua "
        "phương tiện điện tử dưới hình thức thông điệp dữ liệu, có giá trị như hợp đồng bằng "
        "văn bản. Những tin nhắn thể hiện rõ công việc, mức lương, thời gian làm việc là bằng "
        "chứng quan trọng: hãy lưu lại. Với công việc từ 1 tháng trở lên, bạn nên đề nghị ký "
        "hợp đồng đầy đủ để bảo đảm quyền đóng bảo hiểm xã hội.</p>",
        "cites": ["bo-luat-lao-dong-2019"],
        "days_ago": 15,
    },
    {
        "title": "Hết hợp đồng xác định thời hạn mà vẫn làm tiếp thì sao?",
        "field": F.CONTRACTS,
        "question": "Hợp đồng 12 tháng của tôi hết hạn đã hơn một tháng nhưng tôi vẫn đi làm "
        "bình thường, công ty chưa ký lại. Hợp đồng của tôi bây giờ là loại gì?",
        "answer": "<p>Theo khoản 2 Điều 20 Bộ luật Lao động 2019, trong 30 ngày kể từ khi hết "
        "hạn, hai bên phải ký hợp đồng mới; nếu không ký mà bạn vẫn tiếp tục làm việc thì hợp "
        "đồng đã giao kết <strong>trở thành hợp đồng không xác định thời hạn</strong>.</p>",
        "cites": ["bo-luat-lao-dong-2019"],
        "days_ago": 12,
    },
    {
        "title": "Bị sa thải vì nghỉ ba ngày không xin phép khi con ốm có đúng luật?",
        "field": F.DISCIPLINE,
        "question": "Con tôi ốm nặng phải nằm viện, tôi nghỉ 3 ngày chỉ báo miệng tổ trưởng. "
        "Nay công ty ra quyết định sa thải vì tự ý bỏ việc. Tôi phải làm gì?",
        "answer": "<p>Sa thải vì tự ý bỏ việc chỉ được áp dụng khi người lao động bỏ việc "
        "<strong>5 ngày cộng dồn trong 30 ngày</strong> hoặc 20 ngày cộng dồn trong 365 ngày mà "
        "không có lý do chính đáng (khoản 4 Điều 125 Bộ luật Lao động 2019). Con ốm nằm "
        "viện có giấy tờ là lý do chính đáng. Ngoài ra, việc xử lý kỷ luật phải tổ chức họp có "
        "sự tham gia của công đoàn cơ sở.</p><p>Bạn có thể đề nghị hòa giải viên lao động hoặc "
        "khởi kiện ra tòa án trong thời hiệu 1 năm; công đoàn sẽ hỗ trợ bạn.</p>",
        "cites": [
            "bo-luat-lao-dong-2019",
            "nghi-dinh-145-2020-dieu-kien-lao-dong-quan-he-lao-dong",
        ],
        "days_ago": 9,
    },
    {
        "title": "Bị tai nạn trên đường đi làm có được tính là tai nạn lao động?",
        "field": F.SAFETY,
        "question": "Trên đường từ nhà đến xưởng chè, tôi bị xe máy khác va quệt, gãy tay. "
        "Công ty có phải bồi thường như tai nạn lao động không?",
        "answer": "<p>Theo Luật An toàn, vệ sinh lao động, tai nạn xảy ra trên tuyến đường đi "
        "từ nơi ở đến nơi làm việc trong khoảng thời gian và tuyến đường hợp lý được coi là "
        "tai nạn lao động. Bạn được hưởng chế độ từ quỹ bảo hiểm tai nạn lao động (nếu đủ điều "
        "kiện về mức suy giảm khả năng lao động) và công ty phải trả lương trong thời gian điều "
        "trị. Cần giữ biên bản của công an hoặc chính quyền nơi xảy ra tai nạn.</p>",
        "cites": ["luat-an-toan-ve-sinh-lao-dong-2015"],
        "days_ago": 6,
    },
    {
        "title": "Doanh nghiệp chưa có công đoàn cơ sở thì ai bảo vệ người lao động?",
        "field": F.OTHER,
        "question": "Công ty tôi khoảng 40 người, chưa có công đoàn. Khi có tranh chấp thì "
        "chúng tôi nhờ ai?",
        "answer": "<p>Theo Luật Công đoàn năm 2024, công đoàn cấp trên trực tiếp cơ sở đại "
        "diện, bảo vệ quyền lợi người lao động ở nơi chưa có công đoàn cơ sở khi người lao động "
        "yêu cầu. Các bạn cũng có thể vận động thành lập công đoàn cơ sở; Liên đoàn Lao động "
        "tỉnh sẽ hướng dẫn thủ tục.</p>",
        "cites": ["luat-cong-doan-2024"],
        "days_ago": 3,
    },
]

WAITING = [
    {
        "field": F.WAGES,
        "question": "Công ty trừ 500 nghìn tiền lương mỗi lần đi muộn. Như vậy có đúng luật "
        "không ạ?",
        "name": "Nguyễn Văn Mẫu",
        "contact": "nguoilaodong.mau@example.vn",
        "locality": "Đức Trọng, Lâm Đồng",
    },
    {
        "field": F.SAFETY,
        "question": "Xưởng sấy nông sản chỗ tôi rất nóng, không có quạt hút. Chúng tôi có được "
        "đề nghị công ty trang bị không?",
        "name": "",
        "contact": "0900000000",
        "locality": "",
    },
]


def load():
    """Create whatever part of the demo advice is missing; returns a one-line summary."""
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.filter(username="tuvan").first()
    now = timezone.now()
    for spec in ANSWERED:
        published = now - timezone.timedelta(days=spec["days_ago"])
        question, created = Question.objects.get_or_create(
            title=spec["title"],
            defaults={
                "asker_name": spec.get("name", ""),
                "show_name": spec.get("show_name", False),
                "contact": "",
                "question": spec["question"],
                "public_question": spec["question"],
                "field": spec["field"],
                "consent_at": published - timezone.timedelta(days=2),
                "consent_version": "2026-01",
                "answer": spec["answer"],
                "status": Question.Status.PUBLISHED,
                "published_at": published,
                "closed_at": published,
                "answered_by": officer,
            },
        )
        if created:
            question.cited_documents.add(*Document.objects.filter(slug__in=spec["cites"]))
    for spec in WAITING:
        Question.objects.get_or_create(
            question=spec["question"],
            defaults={
                "asker_name": spec["name"],
                "contact": spec["contact"],
                "locality": spec["locality"],
                "field": spec["field"],
                "consent_at": now - timezone.timedelta(hours=5),
                "consent_version": "2026-01",
            },
        )
    published = Question.objects.published().count()
    waiting = Question.objects.open().count()
    return f"{published} câu trả lời đã đăng, {waiting} câu hỏi chờ trả lời"
