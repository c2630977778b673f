"""Demo content for the federation app: the site profile, accounts and exemplary workers."""

import datetime
import sys

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from federation.models import ExemplaryWorker, Honour, HonourPeriod, Sector, SiteProfile
from federation.text import slugify_vi

# (username, password, full name, role label, superuser)
DEMO_ACCOUNTS = [
    ("quantri", "QuanTri@2026", "Quản trị hệ thống", "quản trị (toàn quyền)", True),
]


def load_site_profile():
    profile = SiteProfile.load()
    if not profile.address:
        profile.description = (
            "Cổng thông tin điện tử của Liên đoàn Lao động tỉnh Lâm Đồng: tin tức hoạt động công "
            "đoàn, chương trình phối hợp truyền thông và gương điển hình tiên tiến."
        )
        profile.address = "Số 2 Lê Hồng Phong, Phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng"
        profile.phone = "0263 3822 xxx"
        profile.email = "lienhe@congdoanlamdong.example.vn"
        profile.facebook_url = "https://www.facebook.com/congdoanlamdong.example"
        profile.zalo_url = "https://zalo.me/congdoanlamdong.example"
        profile.save()
    return profile


def load_accounts():
    """Create the demo accounts that are missing; never touch an existing password."""
    User = get_user_model()
    accounts = []
    for username, password, full_name, role, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": True,
                "is_superuser": is_superuser,
                "email": f"{username}@congdoanlamdong.example.vn",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        accounts.append((username, password, role))
    return accounts


# Exemplary workers -------------------------------------------------------------------------------

DEMO_PERIODS = [
    (
        "Giai đoạn 2015–2020",
        2015,
        2020,
        "Những gương điển hình tiên tiến trong phong trào công nhân, viên chức, lao động và hoạt "
        "động công đoàn nhiệm kỳ 2015–2020.",
    ),
    (
        "Giai đoạn 2020–2025",
        2020,
        2025,
        "Những gương điển hình tiên tiến được tôn vinh trong nhiệm kỳ 2020–2025, gắn với phong "
        "trào thi đua lao động giỏi, lao động sáng tạo.",
    ),
]

# The sectors a fresh install has (migration 0004); an editor may have renamed or removed some.
DEMO_SECTORS = {
    "cong-nghiep": "Công nghiệp",
    "nong-nghiep": "Nông nghiệp",
    "xay-dung": "Xây dựng",
    "giao-thong-van-tai": "Giao thông vận tải",
    "thuong-mai-dich-vu": "Thương mại, dịch vụ",
    "du-lich": "Du lịch",
    "giao-duc": "Giáo dục",
    "y-te": "Y tế",
}

CSTD = "Chiến sĩ thi đua cơ sở"
BK_TLD = "Bằng khen của Tổng Liên đoàn Lao động Việt Nam"
LDST = "Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam"
BK_UBND = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
GK_LDLD = "Giấy khen của Liên đoàn Lao động tỉnh"

# Every person, workplace and decision number here is invented for the demo.
DEMO_WORKERS = [
    {
        "full_name": "Nguyễn Thị Hoa",
        "position": "Công nhân chế biến chè",
        "workplace": "Công ty Cổ phần Chè Cao nguyên Bảo Lộc",
        "grassroots_union": "Công đoàn Công ty Cổ phần Chè Cao nguyên Bảo Lộc",
        "locality": "Phường B'Lao, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": True,
        "consent_on": (2021, 3, 2),
        "quote": "Mỗi mẻ chè ngon là công sức của cả tổ, không của riêng ai.",
        "achievements": (
            "<p>Gần hai mươi năm gắn bó với xưởng chế biến, chị Hoa cùng tổ đề xuất cách đảo "
            "chè theo mẻ nhỏ, giúp giảm tỉ lệ chè vụn và tiết kiệm điện sấy.</p>"
            "<p>Chị nhiều năm liền hoàn thành vượt định mức, kèm cặp hơn 30 công nhân mới vào "
            "nghề.</p>"
        ),
        "honours": [
            ("2015", CSTD, "112/QĐ-CT", 2017),
            ("2015", BK_TLD, "1520/QĐ-TLĐ", 2019),
        ],
    },
    {
        "full_name": "Trần Văn Minh",
        "position": "Kỹ sư cơ điện",
        "workplace": "Công ty Cổ phần Thủy điện Cao nguyên",
        "grassroots_union": "Công đoàn Công ty Cổ phần Thủy điện Cao nguyên",
        "locality": "Xã Đức Trọng, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": True,
        "consent_on": (2023, 5, 18),
        "quote": "Sáng kiến nhỏ mà làm đều thì hiệu quả không nhỏ.",
        "achievements": (
            "<p>Anh Minh chủ trì sáng kiến cải tiến hệ thống làm mát ổ trục tổ máy, giúp nhà máy "
            "giảm số lần dừng máy ngoài kế hoạch trong mùa khô.</p>"
            "<ul><li>3 sáng kiến được công nhận cấp cơ sở.</li>"
            "<li>Hướng dẫn đồng nghiệp trẻ về an toàn điện.</li></ul>"
        ),
        "honours": [
            ("2020", LDST, "2045/QĐ-TLĐ", 2022),
            ("2020", CSTD, "76/QĐ-TĐCN", 2023),
        ],
    },
    {
        "full_name": "Nguyễn Thị Thu Hà",
        "position": "Giáo viên tiểu học",
        "workplace": "Trường Tiểu học Hoa Hồng, Đà Lạt",
        "grassroots_union": "Công đoàn Trường Tiểu học Hoa Hồng",
        "locality": "Phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "giao-duc",
        "featured": True,
        "consent_on": (2021, 2, 22),
        "quote": "Học trò vui đến lớp là phần thưởng lớn nhất của cô giáo.",
        "achievements": (
            "<p>Cô Thu Hà xây dựng góc đọc sách trong lớp và vận động phụ huynh góp hơn một "
            "nghìn đầu sách cho thư viện trường.</p>"
            "<p>Nhiều năm liền là giáo viên dạy giỏi cấp tỉnh; tích cực trong phong trào «Giỏi "
            "việc trường, đảm việc nhà» của công đoàn ngành giáo dục.</p>"
        ),
        "honours": [
            ("2015", CSTD, "305/QĐ-SGDĐT", 2018),
            ("2020", BK_UBND, "1187/QĐ-UBND", 2022),
        ],
    },
    {
        "full_name": "Lê Thị Mai",
        "position": "Điều dưỡng trưởng khoa Hồi sức",
        "workplace": "Bệnh viện Đa khoa khu vực Cao nguyên",
        "grassroots_union": "Công đoàn Bệnh viện Đa khoa khu vực Cao nguyên",
        "locality": "Phường Lâm Viên – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "y-te",
        "featured": True,
        "consent_on": (2023, 4, 10),
        "quote": "Người bệnh tin mình thì mình càng phải tận tâm hơn.",
        "achievements": (
            "<p>Chị Mai điều phối đội điều dưỡng khoa Hồi sức qua những tháng cao điểm dịch "
            "bệnh, xây dựng quy trình chăm sóc người bệnh thở máy được áp dụng toàn bệnh viện.</p>"
        ),
        "honours": [
            ("2020", BK_TLD, "988/QĐ-TLĐ", 2021),
            ("2020", CSTD, "54/QĐ-BV", 2022),
        ],
    },
    {
        "full_name": "Ka Hồng",
        "position": "Tổ trưởng tổ sản xuất cà phê",
        "workplace": "Hợp tác xã Cà phê xanh Di Linh",
        "grassroots_union": "Công đoàn Hợp tác xã Cà phê xanh Di Linh",
        "locality": "Xã Di Linh, tỉnh Lâm Đồng",
        "sector": "nong-nghiep",
        "featured": False,
        "consent_on": (2023, 6, 5),
        "quote": "Làm cà phê sạch để con cháu còn đất tốt mà trồng.",
        "achievements": (
            "<p>Chị Ka Hồng vận động các hộ trong tổ chuyển sang canh tác cà phê theo hướng bền "
            "vững, giảm phân bón hóa học và tăng giá bán nhờ chứng nhận chất lượng.</p>"
        ),
        "honours": [("2020", GK_LDLD, "245/QĐ-LĐLĐ", 2023)],
    },
    {
        "full_name": "Phạm Văn Tuấn",
        "position": "Tổ trưởng tổ thi công",
        "workplace": "Công ty Cổ phần Xây dựng Lâm Viên",
        "grassroots_union": "Công đoàn Công ty Cổ phần Xây dựng Lâm Viên",
        "locality": "Phường Cam Ly – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "xay-dung",
        "featured": False,
        "consent_on": (2020, 11, 12),
        "quote": "An toàn trước, tiến độ sau, chất lượng luôn luôn.",
        "achievements": (
            "<p>Tổ thi công do anh Tuấn phụ trách nhiều năm không để xảy ra tai nạn lao động; "
            "anh đề xuất cách lắp ván khuôn giúp rút ngắn thời gian thi công sàn.</p>"
        ),
        "honours": [
            ("2015", CSTD, "41/QĐ-XDLV", 2016),
            ("2015", BK_TLD, "1733/QĐ-TLĐ", 2020),
        ],
    },
    {
        "full_name": "Nguyễn Thị Lan",
        "position": "Trưởng bộ phận lễ tân",
        "workplace": "Khách sạn Đồi Thông Đà Lạt",
        "grassroots_union": "Công đoàn Khách sạn Đồi Thông Đà Lạt",
        "locality": "Phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "du-lich",
        "featured": False,
        "consent_on": (2024, 1, 15),
        "quote": "Khách nhớ Đà Lạt vì cảnh đẹp và vì người Đà Lạt dễ thương.",
        "achievements": (
            "<p>Chị Lan xây dựng bộ tài liệu hướng dẫn giao tiếp với khách bằng ba thứ tiếng cho "
            "nhân viên mới, góp phần đưa khách sạn vào nhóm được du khách đánh giá cao.</p>"
        ),
        "honours": [("2020", BK_UBND, "402/QĐ-UBND", 2024)],
    },
    {
        "full_name": "Hoàng Văn Nam",
        "position": "Lái xe khách tuyến liên tỉnh",
        "workplace": "Công ty Cổ phần Vận tải Cao nguyên",
        "grassroots_union": "Công đoàn Công ty Cổ phần Vận tải Cao nguyên",
        "locality": "Phường Lâm Viên – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "giao-thong-van-tai",
        "featured": False,
        "consent_on": (2020, 9, 30),
        "quote": "Chở khách là chở cả niềm tin của bao gia đình.",
        "achievements": (
            "<p>Hơn một triệu ki-lô-mét lái xe an toàn trên đèo dốc; anh Nam thường xuyên chia "
            "sẻ kinh nghiệm vượt đèo mùa mưa với lái xe trẻ.</p>"
        ),
        "honours": [("2015", CSTD, "19/QĐ-VTCN", 2019)],
    },
    {
        "full_name": "Đặng Thị Kim Oanh",
        "position": "Chủ tịch Công đoàn cơ sở",
        "workplace": "Công ty TNHH May mặc Đức Trọng",
        "grassroots_union": "Công đoàn Công ty TNHH May mặc Đức Trọng",
        "locality": "Xã Đức Trọng, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": False,
        "consent_on": (2023, 8, 21),
        "quote": "Công đoàn mạnh khi người lao động thấy mình được lắng nghe.",
        "achievements": (
            "<p>Chị Oanh tổ chức đối thoại định kỳ giữa người lao động và ban giám đốc, thương "
            "lượng thỏa ước lao động tập thể có nhiều điều khoản có lợi hơn luật cho hơn 800 "
            "công nhân.</p>"
            "<p>Mô hình «Bữa cơm công đoàn» và «Tủ sách công nhân» của công đoàn cơ sở được "
            "nhiều đơn vị học tập.</p>"
        ),
        "honours": [
            ("2020", BK_TLD, "2210/QĐ-TLĐ", 2023),
            ("2020", GK_LDLD, "118/QĐ-LĐLĐ", 2021),
        ],
    },
    {
        "full_name": "Võ Minh Quang",
        "position": "Bác sĩ khoa Nội",
        "workplace": "Trung tâm Y tế khu vực Di Linh",
        "grassroots_union": "Công đoàn Trung tâm Y tế khu vực Di Linh",
        "locality": "Xã Di Linh, tỉnh Lâm Đồng",
        "sector": "y-te",
        "featured": False,
        "consent_on": (2021, 1, 8),
        "quote": "",
        "achievements": (
            "<p>Bác sĩ Quang thường xuyên tham gia khám bệnh, cấp thuốc miễn phí cho đồng bào ở "
            "các thôn vùng sâu, vùng xa.</p>"
        ),
        "honours": [("2015", CSTD, "88/QĐ-TTYT", 2018)],
    },
    {
        "full_name": "Nguyễn Thị Bích Ngọc",
        "position": "Cửa hàng trưởng",
        "workplace": "Siêu thị Biển Xanh Phan Thiết",
        "grassroots_union": "Công đoàn Công ty Cổ phần Thương mại Biển Xanh",
        "locality": "Phường Phan Thiết, tỉnh Lâm Đồng",
        "sector": "thuong-mai-dich-vu",
        "featured": False,
        "consent_on": (2024, 3, 4),
        "quote": "Khách hàng hài lòng thì nhân viên cũng vui.",
        "achievements": (
            "<p>Chị Ngọc áp dụng cách sắp xếp ca làm việc linh hoạt cho nhân viên có con nhỏ, "
            "trong khi doanh thu cửa hàng vẫn tăng đều qua các năm.</p>"
        ),
        "honours": [("2020", GK_LDLD, "301/QĐ-LĐLĐ", 2024)],
    },
    {
        "full_name": "Bùi Văn Hùng",
        "position": "Kỹ thuật viên nhà kính",
        "workplace": "Công ty TNHH Nông nghiệp công nghệ cao Langbiang",
        "grassroots_union": "Công đoàn Công ty TNHH Nông nghiệp công nghệ cao Langbiang",
        "locality": "Xã Lạc Dương, tỉnh Lâm Đồng",
        "sector": "nong-nghiep",
        "featured": False,
        "consent_on": (2022, 10, 3),
        "quote": "Ruộng rau cũng cần kỹ sư như nhà máy.",
        "achievements": (
            "<p>Anh Hùng tự lắp bộ điều khiển tưới nhỏ giọt theo độ ẩm đất, giúp tiết kiệm gần "
            "một phần ba lượng nước tưới cho khu nhà kính rau thủy canh.</p>"
        ),
        "honours": [
            ("2020", LDST, "1876/QĐ-TLĐ", 2022),
            ("2015", CSTD, "09/QĐ-NNLB", 2019),
        ],
    },
]


def load_workers():
    """About a dozen exemplary-worker profiles, with generated (not real) portraits.

    Matched by slug: a profile that exists already, perhaps edited since, is left as it is.
    """
    from federation.demo_images import portrait

    periods = {}
    for name, start, end, description in DEMO_PERIODS:
        period, _ = HonourPeriod.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={
                "name": name,
                "start_year": start,
                "end_year": end,
                "description": description,
            },
        )
        periods[str(start)] = period
    Article = ExemplaryWorker.related_articles.field.related_model
    related = list(
        Article.objects.published().filter(search_text__contains="dien hinh").order_by("-id")[:2]
    )
    created = 0
    for data in DEMO_WORKERS:
        data = dict(data)
        slug = slugify_vi(data["full_name"])
        if ExemplaryWorker.objects.filter(slug=slug).exists():
            continue
        honours = data.pop("honours")
        sector_slug = data.pop("sector")
        data["sector"] = Sector.objects.get_or_create(
            slug=sector_slug, defaults={"name": DEMO_SECTORS[sector_slug]}
        )[0]
        data["consent_on"] = datetime.date(*data["consent_on"])
        data["consent_note"] = "Giấy đồng ý công khai thông tin (bản ký), lưu tại văn phòng."
        worker = ExemplaryWorker(slug=slug, is_published=True, **data)
        worker.portrait = ContentFile(portrait(slug, worker.initials), name=f"{slug}.jpg")
        worker.full_clean()
        worker.save()
        for order, (period_key, title, decision, year) in enumerate(honours):
            Honour.objects.create(
                worker=worker,
                period=periods[period_key],
                title=title,
                decision_number=decision,
                year=year,
                order=order,
            )
        created += 1
        sys.stdout.write(".")
        sys.stdout.flush()
    # The news demo may load after this step: link its articles on a later run too.
    if related:
        slugs = [slugify_vi(data["full_name"]) for data in DEMO_WORKERS]
        for worker in ExemplaryWorker.objects.filter(slug__in=slugs, related_articles=None):
            worker.related_articles.add(*related)
    return created
