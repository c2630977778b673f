"""Demo content for the federation app: the site profile, accounts and exemplary workers."""

import datetime
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from advice.roles import LEGAL_OFFICERS
from core import roles
from core.search import index_text
from core.text import slugify_vi
from demo.images import portrait
from federation.models import SiteProfile
from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector

# One account per role: (username, password, full name, role shown to the newcomer, staff?,
# superuser?, group).
DEMO_ACCOUNTS = [
    ("quantri", "QuanTri@2026", "Quản trị hệ thống", "quản trị (toàn quyền)", True, True, None),
    ("bientap", "BienTap@2026", "Nguyễn Thu Hà", "biên tập viên", True, False, roles.EDITORS),
    (
        "congtacvien",
        "CongTacVien@2026",
        "Trần Văn Lộc",
        "cộng tác viên (CĐCS Công ty CP Chè Cầu Đất)",
        True,
        False,
        roles.CORRESPONDENTS,
    ),
    (
        "canbo",
        "CanBo@2026",
        "K'Điểu",
        "cán bộ công đoàn (đăng nhập tại /dang-nhap/)",
        False,
        False,
        roles.OFFICERS,
    ),
    (
        "tuvan",
        "TuVan@2026",
        "Hoàng Minh Tâm",
        "tư vấn viên pháp luật",
        True,
        False,
        LEGAL_OFFICERS,
    ),
]
DEMO_CORRESPONDENT_UNIT = "Công đoàn cơ sở Công ty CP Chè Cầu Đất"


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
    if not profile.licence_number:
        # Plainly samples: a real site fills in its own licence and the person responsible.
        profile.governing_body = "Tổng Liên đoàn Lao động Việt Nam"
        profile.licence_number = "00/GP-MẪU (mẫu)"
        profile.licence_date = datetime.date(2026, 1, 1)
        profile.licence_issuer = "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng (mẫu)"
        profile.content_responsible = "Nguyễn Văn Mẫu – Phó Chủ tịch (mẫu)"
        profile.save()
    return profile


def load_accounts():
    """Create the demo accounts that are missing, one per role; never touch an existing password.
    Returns (username, password, role) for load_demo to print."""
    User = get_user_model()
    accounts = []
    for username, password, full_name, role, staff, superuser, group in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": staff,
                "is_superuser": superuser,
                "email": f"{username}@congdoanlamdong.example.vn",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if group:
            user.groups.add(Group.objects.get_or_create(name=group)[0])
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

# Every person, workplace and decision number here is invented for the demo. Four of them are the
# people in the news demo's "điển hình tiên tiến" stories; "article" names the story to link.
DEMO_WORKERS = [
    {
        "full_name": "Nguyễn Thị Hoa",
        "position": "Công nhân may, tổ trưởng tổ chuyền",
        "workplace": "Công ty TNHH May mặc Đức Trọng",
        "grassroots_union": "Công đoàn Công ty TNHH May mặc Đức Trọng",
        "locality": "Xã Đức Trọng, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": True,
        "consent_on": (2021, 3, 2),
        "quote": "Chuyền may chạy đều là nhờ cả tổ biết nhường nhau từng đường kim.",
        "achievements": (
            "<p>Hơn mười lăm năm đứng chuyền, chị Hoa đề xuất cách sắp xếp lại thứ tự công đoạn "
            "may cổ áo, giúp tổ tăng năng suất mà công nhân không phải tăng ca.</p>"
            "<p>Chị nhiều năm liền vượt định mức và kèm cặp hơn 30 công nhân mới vào nghề.</p>"
        ),
        "honours": [
            ("2015", CSTD, "112/QĐ-MMĐT", 2017),
            ("2015", BK_TLD, "1520/QĐ-TLĐ", 2019),
        ],
    },
    {
        "full_name": "Trần Thị Mai Hương",
        "position": "Công nhân chế biến chè, tổ trưởng công đoàn",
        "workplace": "Công ty Cổ phần Chè Cao nguyên Bảo Lộc",
        "grassroots_union": "Công đoàn Công ty Cổ phần Chè Cao nguyên Bảo Lộc",
        "locality": "Phường B'Lao, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": True,
        "consent_on": (2022, 4, 12),
        "quote": "Chỗ nào anh chị em còn vất vả thì mình nghĩ cách cho nhẹ đi.",
        "achievements": (
            "<p>Chị Mai Hương là tác giả nhiều sáng kiến ở xưởng chế biến: khay hứng chè sau vò "
            "đỡ rơi vãi, băng tải phân loại nâng cao để công nhân khỏi phải cúi khom.</p>"
            "<p>Là tổ trưởng công đoàn, chị kèm cặp công nhân mới và thăm hỏi những gia đình khó "
            "khăn trong tổ.</p>"
        ),
        "honours": [
            ("2015", CSTD, "64/QĐ-CCN", 2019),
            ("2020", "Bằng khen của Liên đoàn Lao động tỉnh", "215/QĐ-LĐLĐ", 2022),
        ],
        "article": "Nữ công nhân chè với hàng chục sáng kiến cải tiến kỹ thuật",
    },
    {
        "full_name": "Nguyễn Thị Thu Hà",
        "position": "Giáo viên tiểu học",
        "workplace": "Trường Tiểu học Hoa Hồng, Đà Lạt",
        "grassroots_union": "Công đoàn Trường Tiểu học Hoa Hồng",
        "locality": "Phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng",
        "sector": "giao-duc",
        "featured": False,
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
        "full_name": "Ka Thủy",
        "position": "Giáo viên tiểu học, ủy viên Ban Chấp hành công đoàn trường",
        "workplace": "Trường Tiểu học vùng cao Di Linh",
        "grassroots_union": "Công đoàn Trường Tiểu học vùng cao Di Linh",
        "locality": "Xã Di Linh, tỉnh Lâm Đồng",
        "sector": "giao-duc",
        "featured": False,
        "consent_on": (2023, 6, 5),
        "quote": "Mùa cà phê chín, cô lại đến từng nhà gọi các em về lớp.",
        "achievements": (
            "<p>Cô giáo người K’Ho Ka Thủy gắn bó gần mười lăm năm với các điểm trường xa, tự "
            "làm đồ dùng dạy học từ tre, lá và vận động học sinh đi học đều trong mùa thu "
            "hoạch.</p>"
        ),
        "honours": [
            (
                "2020",
                "Nữ đoàn viên tiêu biểu của Công đoàn ngành Giáo dục tỉnh",
                "41/QĐ-CĐGD",
                2024,
            ),
        ],
        "article": "Cô giáo Ka Thủy và những lớp học vùng cao Di Linh",
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
        "full_name": "Phạm Văn Lộc",
        "position": "Chủ tịch Công đoàn cơ sở",
        "workplace": "Công ty TNHH Rau hoa Đức Trọng",
        "grassroots_union": "Công đoàn Công ty TNHH Rau hoa Đức Trọng",
        "locality": "Xã Đức Trọng, tỉnh Lâm Đồng",
        "sector": "nong-nghiep",
        "featured": False,
        "consent_on": (2023, 8, 21),
        "quote": "Công đoàn phải là nơi anh em tìm đến đầu tiên khi có chuyện.",
        "achievements": (
            "<p>Anh Lộc đi từ công nhân trồng hoa lên Chủ tịch công đoàn cơ sở của gần 400 lao "
            "động. Công đoàn thương lượng được phụ cấp làm việc trong nhà kính, hỗ trợ tiền xăng "
            "xe và bữa ăn giữa ca.</p>"
            "<p>Anh vận động lập quỹ «Tương thân tương ái» giúp công nhân ốm đau, hoạn nạn.</p>"
        ),
        "honours": [
            ("2020", BK_TLD, "2210/QĐ-TLĐ", 2023),
            ("2020", GK_LDLD, "118/QĐ-LĐLĐ", 2021),
        ],
        "article": "Người “giữ lửa” công đoàn ở doanh nghiệp rau hoa Đức Trọng",
    },
    {
        "full_name": "Lê Minh Tuấn",
        "position": "Công nhân quản lý vận hành lưới điện",
        "workplace": "Điện lực khu vực Di Linh",
        "grassroots_union": "Công đoàn Điện lực khu vực Di Linh",
        "locality": "Xã Di Linh, tỉnh Lâm Đồng",
        "sector": "cong-nghiep",
        "featured": True,
        "consent_on": (2023, 5, 18),
        "quote": "Trên cột điện, chủ quan một phút là trả giá cả đời.",
        "achievements": (
            "<p>Anh Tuấn là tác giả sáng kiến cần cách điện nối dài để phát quang hành lang "
            "tuyến, giúp công nhân không phải trèo cây. Là an toàn, vệ sinh viên, anh nhắc đồng "
            "đội kiểm tra dây an toàn và tiếp địa trước mỗi lần thao tác.</p>"
        ),
        "honours": [
            ("2015", CSTD, "76/QĐ-ĐLDL", 2018),
            ("2020", LDST, "2045/QĐ-TLĐ", 2022),
        ],
        "article": "Người thợ điện hơn 20 năm bám tuyến đường dây vùng cao",
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
    created = 0
    for data in DEMO_WORKERS:
        data = dict(data)
        data.pop("article", None)
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
        worker.portrait = ContentFile(portrait(slug), name=f"{slug}.jpg")
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
    link_demo_stories()
    return f"{created} hồ sơ mới"


def link_demo_stories():
    """Link each demo profile to the news demo's story about that person, when both exist and
    the profile has no related news yet (an editor's choice is kept)."""
    Article = ExemplaryWorker.related_articles.field.related_model
    for data in DEMO_WORKERS:
        if "article" not in data:
            continue
        worker = ExemplaryWorker.objects.filter(
            slug=slugify_vi(data["full_name"]), related_articles=None
        ).first()
        story = Article.objects.published().filter(search_title=index_text(data["article"])).first()
        if worker and story:
            worker.related_articles.add(story)
