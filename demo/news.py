"""Demo news for `manage.py load_demo`: six categories and two dozen illustrated articles."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from core.text import slugify_vi
from demo import images as demo_images
from news.models import Article, Category, Photo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# Article.save() leaves room for a "-2" suffix; a demo slug is what it would give a fresh title.
SLUG_LENGTH = 196


def demo_slug(title):
    return slugify_vi(title, max_length=SLUG_LENGTH)


# When each article was published ----------------------------------------------------------------
# Most demo articles are recent relative to the day the demo is loaded, so the home page always
# looks current. Seasonal stories (Tết, May's Workers' Month) fall on their last past season, so
# their text never contradicts their date.


def days_ago(days, hour, minute):
    def when(now):
        local = now.astimezone(LOCAL)
        moment = dt.datetime.combine(
            local.date() - dt.timedelta(days=days), dt.time(hour, minute), tzinfo=LOCAL
        )
        return min(moment, now - dt.timedelta(minutes=5))

    return when


def last_season(month, day, hour, minute):
    def when(now):
        local = now.astimezone(LOCAL)
        moment = dt.datetime(local.year, month, day, hour, minute, tzinfo=LOCAL)
        return moment if moment < now else moment.replace(year=local.year - 1)

    return when


def fixed(*args):
    def when(now):
        return dt.datetime(*args, tzinfo=LOCAL)

    return when


@dataclass(frozen=True)
class Pic:
    kind: str  # a demo.images scene
    caption: str
    alt: str
    text: str | None = None  # the words on a banner or on a hall's backdrop
    credit: str = ""  # defaults to the article's byline


@dataclass(frozen=True)
class Story:
    category: str  # a CATEGORIES slug
    title: str
    lead: str
    body: str
    byline: str
    tags: list[str]
    when: Callable[[dt.datetime], dt.datetime]
    photos: list[Pic]
    source: str = ""
    featured: bool = False

    @property
    def slug(self):
        return demo_slug(self.title)


# (name, description)
CATEGORIES = [
    ("Tin tức – Sự kiện", "Hội nghị, sự kiện và hoạt động nổi bật của Liên đoàn Lao động tỉnh."),
    (
        "Hoạt động công đoàn",
        "Phong trào công nhân, viên chức, lao động và hoạt động của công đoàn các cấp.",
    ),
    (
        "Chính sách – Pháp luật",
        "Hỏi – đáp, hướng dẫn về pháp luật lao động, công đoàn, tiền lương và bảo hiểm xã hội.",
    ),
    (
        "Gương điển hình",
        "Những người lao động giỏi, sáng tạo, tận tâm trong phong trào thi đua và công tác công đoàn.",
    ),
    (
        "Chăm lo đoàn viên",
        "Mái ấm Công đoàn, Tết Sum vầy, học bổng và những hoạt động chăm lo cho đoàn viên.",
    ),
    (
        "Văn hóa – Thể thao",
        "Hội diễn, hội thi và giải thể thao của công nhân, viên chức, lao động.",
    ),
]
NEWS, UNION, POLICY, EXEMPLARS, CARE, CULTURE = (slugify_vi(name) for name, _ in CATEGORIES)

CONFERENCE_TITLE = (
    "Liên đoàn Lao động tỉnh ký kết chương trình phối hợp truyền thông giai đoạn 2021–2023"
)
# The agreements demo links its 2021–2023 programme to this article.
CONFERENCE_SLUG = demo_slug(CONFERENCE_TITLE)

STORIES = [
    # Tin tức – Sự kiện -------------------------------------------------------------------------
    Story(
        category=NEWS,
        title=CONFERENCE_TITLE,
        lead=(
            "Sáng 8/4, tại hội nghị truyền thông công đoàn, Liên đoàn Lao động tỉnh Lâm Đồng đã ký "
            "chương trình phối hợp tuyên truyền giai đoạn 2021–2023 với Đài Phát thanh – Truyền hình "
            "tỉnh và Báo Lâm Đồng, trước sự chứng kiến của nhiều cơ quan báo chí trung ương và địa "
            "phương."
        ),
        body="""
<p>Hội nghị là dịp để Ban Thường vụ Liên đoàn Lao động tỉnh khóa IX thông tin tới phóng viên, biên tập viên về những hoạt động chủ chốt của tổ chức công đoàn trong nhiệm kỳ mới. Trọng tâm được nhấn mạnh là chăm lo đời sống vật chất, tinh thần cho đoàn viên, người lao động; xây dựng đội ngũ cán bộ công đoàn năng động, tâm huyết; cùng địa phương thực hiện các mục tiêu phát triển kinh tế – xã hội.</p>
<p>Liên đoàn Lao động tỉnh cũng giới thiệu với báo chí các gương điển hình tiên tiến trong phong trào công nhân, viên chức, lao động và hoạt động công đoàn giai đoạn 2015–2020, để tiếp tục theo dõi, phản ánh và nhân rộng.</p>
<h2>Truyền thông sáng tạo, hiệu quả, đa dạng</h2>
<p>Theo lãnh đạo Liên đoàn Lao động tỉnh, truyền thông là nhiệm vụ then chốt để nâng cao nhận thức của cán bộ, đoàn viên và đưa hình ảnh một tổ chức công đoàn năng động đến gần hơn với cộng đồng. Trong giai đoạn mới, công đoàn sẽ đổi mới cách làm, sử dụng nhiều loại hình phương tiện, đặc biệt là mạng xã hội, để thông tin đến với người lao động nhanh hơn.</p>
<p>Đại biểu các cơ quan báo chí đã góp nhiều ý kiến thiết thực: tập huấn cho đội ngũ cộng tác viên, thông tín viên là cán bộ công đoàn; phát động các cuộc thi viết về hoạt động công đoàn; thử nghiệm những hình thức tuyên truyền mới để sự phối hợp giữa báo chí và công đoàn ngày càng chặt chẽ.</p>
<p>Theo chương trình vừa ký, các bên sẽ cùng xây dựng chuyên mục công đoàn trên sóng phát thanh, truyền hình, trên báo in và báo điện tử; tăng cường thông tin về phong trào công nhân và hoạt động công đoàn các cấp trong ba năm 2021–2023.</p>
""",
        byline="D.QUỲNH",
        source="LĐ online",
        tags=["truyền thông", "chương trình phối hợp", "công đoàn", "Đà Lạt"],
        when=fixed(2021, 4, 8, 2, 4),
        photos=[
            Pic(
                "hall",
                "Liên đoàn Lao động tỉnh ký chương trình phối hợp giai đoạn 2021–2023 với Đài Phát "
                "thanh – Truyền hình tỉnh Lâm Đồng và Báo Lâm Đồng.",
                "Sân khấu hội trường với phông nền xanh ghi dòng chữ Hội nghị truyền thông công đoàn",
                text="HỘI NGHỊ TRUYỀN THÔNG CÔNG ĐOÀN",
            ),
            Pic(
                "hall",
                "Đại biểu các cơ quan báo chí trung ương và địa phương dự hội nghị.",
                "Các hàng ghế đại biểu hướng lên sân khấu hội nghị",
                text="CÔNG ĐOÀN LÂM ĐỒNG",
            ),
        ],
    ),
    Story(
        category=NEWS,
        title="Ban Chấp hành Liên đoàn Lao động tỉnh triển khai nhiệm vụ những tháng cuối năm",
        lead=(
            "Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh đánh giá kết quả hoạt động từ đầu năm "
            "và thống nhất các nhiệm vụ trọng tâm, trong đó ưu tiên chăm lo Tết cho đoàn viên, "
            "người lao động có hoàn cảnh khó khăn."
        ),
        body="""
<p>Hội nghị diễn ra tại Đà Lạt, với sự tham dự của các ủy viên Ban Chấp hành, chủ tịch công đoàn ngành, Công đoàn các Khu công nghiệp tỉnh và đại diện nhiều công đoàn cơ sở trực thuộc.</p>
<p>Báo cáo tại hội nghị cho thấy, từ đầu năm các cấp công đoàn đã kết nạp thêm nhiều đoàn viên mới, thành lập mới công đoàn cơ sở ở các doanh nghiệp ngoài nhà nước và tổ chức đối thoại tại nơi làm việc ở phần lớn doanh nghiệp có công đoàn. Hoạt động thăm hỏi, hỗ trợ đoàn viên được duy trì thường xuyên, đúng đối tượng.</p>
<h2>Bốn nhóm nhiệm vụ trọng tâm</h2>
<ul>
<li>Chuẩn bị chu đáo chương trình “Tết Sum vầy”, bảo đảm đoàn viên khó khăn đều được thăm hỏi, hỗ trợ;</li>
<li>Đẩy mạnh thương lượng tập thể, nâng chất lượng thỏa ước lao động tập thể tại doanh nghiệp;</li>
<li>Theo dõi sát tình hình việc làm, tiền lương, thưởng Tết và kịp thời giải quyết kiến nghị của người lao động;</li>
<li>Hoàn thành chỉ tiêu phát triển đoàn viên, thành lập công đoàn cơ sở của năm.</li>
</ul>
<p>Kết luận hội nghị, Chủ tịch Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn bám sát cơ sở, không để người lao động bị nợ lương, nợ bảo hiểm xã hội mà công đoàn không nắm được; đồng thời phối hợp với người sử dụng lao động để mỗi công nhân đều có một cái Tết đầm ấm.</p>
""",
        byline="MINH ĐẠO",
        tags=["công đoàn", "Tết Sum vầy", "thương lượng tập thể"],
        when=days_ago(4, 8, 30),
        featured=True,
        photos=[
            Pic(
                "hall",
                "Quang cảnh hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh.",
                "Hội trường với phông nền ghi dòng chữ Hội nghị Ban Chấp hành và đoàn chủ tịch",
                text="HỘI NGHỊ BAN CHẤP HÀNH",
            ),
            Pic(
                "hills",
                "Đà Lạt những ngày cuối năm.",
                "Những lớp đồi thông chồng lên nhau trong sương sớm",
            ),
        ],
    ),
    Story(
        category=NEWS,
        title="Diễn đàn “Lắng nghe người lao động nói” tại Khu công nghiệp Phú Hội",
        lead=(
            "Hơn 200 công nhân ở Khu công nghiệp Phú Hội (Đức Trọng) đã trực tiếp nêu kiến nghị về "
            "tiền lương, nhà trọ, chỗ gửi con và an toàn giao thông trên đường đi làm với lãnh đạo "
            "công đoàn, cơ quan chức năng và doanh nghiệp."
        ),
        body="""
<p>Diễn đàn do Công đoàn các Khu công nghiệp tỉnh tổ chức theo hình thức hỏi – đáp trực tiếp. Ngay từ đầu, không khí đã sôi nổi khi nhiều công nhân mạnh dạn cầm micro kể về những khó khăn trong cuộc sống hằng ngày.</p>
<p>Chị Lê Thị Thu Trang, công nhân một doanh nghiệp chế biến nông sản, cho biết tiền thuê trọ và gửi trẻ chiếm gần một nửa thu nhập của gia đình. Chị mong có thêm nhóm trẻ gần khu công nghiệp, mở cửa sớm và đóng cửa muộn theo ca làm việc của công nhân.</p>
<p>Nhiều ý kiến đề nghị lắp thêm đèn chiếu sáng, biển báo trên tuyến đường vào khu công nghiệp, nơi hằng ngày có hàng nghìn lượt xe máy của công nhân qua lại vào giờ tan ca.</p>
<p>Phần lớn kiến nghị được đại diện cơ quan chức năng và doanh nghiệp trả lời ngay tại diễn đàn. Những nội dung vượt thẩm quyền được công đoàn tổng hợp, chuyển đến cơ quan có trách nhiệm và sẽ thông tin lại cho người lao động.</p>
""",
        byline="T.N",
        source="LĐ online",
        tags=["đối thoại tại nơi làm việc", "khu công nghiệp", "Đức Trọng", "người lao động"],
        when=days_ago(9, 14, 10),
        photos=[
            Pic(
                "hall",
                "Công nhân Khu công nghiệp Phú Hội nêu kiến nghị tại diễn đàn.",
                "Hội trường kín người, phông nền ghi dòng chữ Lắng nghe người lao động nói",
                text="LẮNG NGHE NGƯỜI LAO ĐỘNG NÓI",
            )
        ],
    ),
    Story(
        category=NEWS,
        title="Tập huấn nghiệp vụ cho cộng tác viên, thông tín viên công đoàn",
        lead=(
            "Trong hai ngày, gần 80 cán bộ công đoàn là cộng tác viên, thông tín viên của cổng thông "
            "tin Liên đoàn Lao động tỉnh được hướng dẫn cách viết tin, chụp ảnh bằng điện thoại và "
            "đưa thông tin lên mạng xã hội."
        ),
        body="""
<p>Lớp tập huấn nằm trong chương trình phối hợp truyền thông giữa Liên đoàn Lao động tỉnh với các cơ quan báo chí địa phương. Giảng viên là những nhà báo nhiều năm kinh nghiệm của Báo Lâm Đồng và Đài Phát thanh – Truyền hình tỉnh.</p>
<h2>Viết ngắn, đúng và kịp thời</h2>
<p>Học viên được hướng dẫn cấu trúc một bản tin: tiêu đề rõ ràng; sapo trả lời đủ các câu hỏi ai, làm gì, ở đâu, khi nào; phần thân bài đi từ thông tin quan trọng nhất. Phần thực hành chụp ảnh tập trung vào bố cục, ánh sáng và cách ghi chú thích ảnh đầy đủ, chính xác.</p>
<p>Các học viên cũng được lưu ý những điều cần tránh khi đăng tải thông tin: tôn trọng quyền riêng tư của người lao động, không đăng ảnh trẻ em khi chưa được gia đình đồng ý, kiểm tra kỹ số liệu trước khi đưa tin.</p>
<p>Kết thúc lớp học, mỗi học viên hoàn thành một bài viết về hoạt động của công đoàn cơ sở mình. Những bài đạt yêu cầu sẽ được biên tập và đăng trên cổng thông tin.</p>
""",
        byline="HOÀNG YẾN",
        tags=["truyền thông", "chương trình phối hợp", "công đoàn"],
        when=days_ago(16, 9, 45),
        photos=[
            Pic(
                "banner",
                "Viết nhanh, viết đúng: yêu cầu với mỗi cộng tác viên công đoàn.",
                "Áp phích xanh đỏ với dòng chữ Viết tin – chụp ảnh – lan tỏa",
                text="Viết tin – chụp ảnh – lan tỏa",
            ),
        ],
    ),
    # Hoạt động công đoàn -----------------------------------------------------------------------
    Story(
        category=UNION,
        title="Phát động Tháng Công nhân với nhiều hoạt động thiết thực cho người lao động",
        lead=(
            "Lễ phát động Tháng Công nhân được tổ chức tại Khu công nghiệp Lộc Sơn (Bảo Lộc), mở "
            "đầu chuỗi hoạt động chăm lo, bảo vệ quyền lợi của đoàn viên, người lao động trên toàn "
            "tỉnh."
        ),
        body="""
<p>Trong khuôn khổ lễ phát động, Liên đoàn Lao động tỉnh cùng các doanh nghiệp đã trao quà cho công nhân có hoàn cảnh khó khăn, tặng học bổng cho con công nhân và tổ chức khám, tư vấn sức khỏe miễn phí.</p>
<p>Theo kế hoạch, trong suốt tháng, các cấp công đoàn tập trung vào những hoạt động thiết thực:</p>
<ul>
<li>Đối thoại, thương lượng về tiền lương, điều kiện làm việc tại doanh nghiệp;</li>
<li>Thăm hỏi, tặng quà công nhân ốm đau, bị tai nạn lao động;</li>
<li>Tổ chức “Phiên chợ Công đoàn” bán hàng ưu đãi cho đoàn viên;</li>
<li>Tổ chức giải thể thao, hội diễn văn nghệ ngay tại khu công nghiệp.</li>
</ul>
<p>Lãnh đạo Liên đoàn Lao động tỉnh đề nghị người sử dụng lao động tạo điều kiện về thời gian, kinh phí để công nhân tham gia các hoạt động; đồng thời kêu gọi mỗi đoàn viên thi đua lao động sản xuất, nâng cao tay nghề.</p>
""",
        byline="D.QUỲNH",
        source="LĐ online",
        tags=["Tháng Công nhân", "người lao động", "khu công nghiệp", "Bảo Lộc"],
        when=last_season(5, 3, 10, 20),
        photos=[
            Pic(
                "hall",
                "Lễ phát động Tháng Công nhân tại Khu công nghiệp Lộc Sơn.",
                "Sân khấu lễ phát động với phông nền ghi dòng chữ Tháng Công nhân",
                text="LỄ PHÁT ĐỘNG THÁNG CÔNG NHÂN",
            ),
            Pic(
                "banner",
                "Tháng Công nhân: nhiều hoạt động hướng về người lao động.",
                "Áp phích xanh đỏ với dòng chữ Tháng Công nhân",
                text="Tháng Công nhân",
            ),
        ],
    ),
    Story(
        category=UNION,
        title="Hưởng ứng Tháng hành động về an toàn, vệ sinh lao động tại doanh nghiệp",
        lead=(
            "Các cấp công đoàn phối hợp với doanh nghiệp kiểm tra máy móc, thiết bị, diễn tập chữa "
            "cháy và hướng dẫn kỹ năng phòng ngừa tai nạn cho người lao động."
        ),
        body="""
<p>Tại một doanh nghiệp sản xuất rau hoa công nghệ cao ở Đức Trọng, hơn 150 công nhân được hướng dẫn cách sử dụng thuốc bảo vệ thực vật an toàn, mặc đồ bảo hộ đúng quy trình và sơ cứu khi bị ngộ độc.</p>
<p>Ông Nguyễn Hữu Tâm, Chủ tịch công đoàn cơ sở, cho biết sau mỗi đợt tập huấn, công đoàn cùng bộ phận an toàn đi kiểm tra từng nhà kính, ghi lại các điểm có nguy cơ và đề xuất khắc phục. Nhờ vậy, nhiều năm liền doanh nghiệp không để xảy ra tai nạn lao động nghiêm trọng.</p>
<h2>Mạng lưới an toàn, vệ sinh viên</h2>
<p>Theo Liên đoàn Lao động tỉnh, an toàn, vệ sinh viên ở các doanh nghiệp là “cánh tay nối dài” của công đoàn trong việc phát hiện sớm nguy cơ mất an toàn. Năm nay, các cấp công đoàn tiếp tục tập huấn cho lực lượng này và khen thưởng những an toàn, vệ sinh viên giỏi.</p>
<p>Luật An toàn, vệ sinh lao động cho phép người lao động từ chối làm công việc hoặc rời khỏi nơi làm việc khi thấy rõ nguy cơ tai nạn đe dọa nghiêm trọng đến tính mạng, sức khỏe của mình, đồng thời phải báo ngay cho người quản lý trực tiếp. Công đoàn cơ sở có trách nhiệm bảo vệ người lao động trong những trường hợp này.</p>
""",
        byline="VĂN BÌNH",
        tags=["an toàn vệ sinh lao động", "người lao động", "Đức Trọng"],
        when=last_season(5, 12, 15, 40),
        photos=[
            Pic(
                "banner",
                "Khẩu hiệu hưởng ứng Tháng hành động về an toàn, vệ sinh lao động.",
                "Áp phích xanh đỏ với dòng chữ An toàn là bạn, tai nạn là thù",
                text="An toàn là bạn, tai nạn là thù",
            ),
        ],
    ),
    Story(
        category=UNION,
        title="Thành lập mới 12 công đoàn cơ sở trong doanh nghiệp ngoài nhà nước",
        lead=(
            "Từ đầu quý, các cấp công đoàn trong tỉnh đã vận động thành lập mới 12 công đoàn cơ sở "
            "và kết nạp hơn 900 đoàn viên, chủ yếu ở các doanh nghiệp chế biến nông sản, du lịch và "
            "dịch vụ."
        ),
        body="""
<p>Để có kết quả này, cán bộ công đoàn đã kiên trì đến từng doanh nghiệp, gặp chủ doanh nghiệp và người lao động để giải thích về vai trò của tổ chức công đoàn. Nhiều doanh nghiệp du lịch ở Đà Lạt, sau khi có công đoàn, đã ký thỏa ước lao động tập thể với nhiều điều khoản có lợi hơn cho người lao động.</p>
<p>Anh Trần Quốc Việt, nhân viên một khách sạn ở trung tâm Đà Lạt, chia sẻ: “Trước đây có chuyện gì anh em không biết hỏi ai. Có công đoàn rồi, chúng tôi có chỗ dựa, có người đứng ra nói chuyện với chủ khi cần”.</p>
<p>Thời gian tới, Liên đoàn Lao động tỉnh tập trung vào các doanh nghiệp có từ 25 lao động trở lên chưa có tổ chức công đoàn, đồng thời bồi dưỡng kỹ năng cho cán bộ công đoàn cơ sở mới được bầu.</p>
""",
        byline="K.PHƯƠNG",
        tags=["công đoàn", "đoàn viên", "Đà Lạt"],
        when=days_ago(6, 16, 5),
        photos=[
            Pic(
                "hall",
                "Đại hội thành lập công đoàn cơ sở tại một doanh nghiệp du lịch ở Đà Lạt.",
                "Hội trường nhỏ với phông nền ghi dòng chữ Đại hội công đoàn cơ sở",
                text="ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ",
            )
        ],
    ),
    Story(
        category=UNION,
        title="Tập huấn kỹ năng thương lượng tập thể cho cán bộ công đoàn cơ sở",
        lead=(
            "Lớp tập huấn giúp cán bộ công đoàn cơ sở nắm vững quy trình thương lượng tập thể, cách "
            "chuẩn bị số liệu và kỹ năng trình bày đề xuất với người sử dụng lao động."
        ),
        body="""
<p>Theo báo cáo viên, thương lượng tập thể là công cụ quan trọng nhất để công đoàn cải thiện tiền lương, phúc lợi của người lao động cao hơn mức pháp luật quy định. Tuy vậy, ở không ít doanh nghiệp, thỏa ước lao động tập thể vẫn chủ yếu chép lại quy định của pháp luật, ít điều khoản có lợi hơn.</p>
<h2>Chuẩn bị kỹ trước khi ngồi vào bàn</h2>
<p>Học viên thực hành theo từng bước: lấy ý kiến người lao động để chọn nội dung ưu tiên, thu thập thông tin về tình hình sản xuất kinh doanh, xây dựng đề xuất có căn cứ và dự kiến các phương án nhượng bộ. Những buổi thương lượng giả định, có người đóng vai chủ doanh nghiệp, khiến lớp học rất sôi nổi.</p>
<p>Chị Phạm Thị Ngọc Ánh, Chủ tịch công đoàn cơ sở một doanh nghiệp may ở Bảo Lộc, cho biết: “Trước đây tôi nghĩ thương lượng là đi xin. Giờ tôi hiểu phải có số liệu, có lý lẽ thì mới thuyết phục được chủ doanh nghiệp”.</p>
""",
        byline="N.HÀ",
        tags=["thương lượng tập thể", "đối thoại tại nơi làm việc", "công đoàn", "Bảo Lộc"],
        when=days_ago(23, 8, 0),
        photos=[
            Pic(
                "hall",
                "Cán bộ công đoàn cơ sở thực hành thương lượng tập thể.",
                "Hội trường với phông nền ghi dòng chữ Tập huấn thương lượng tập thể",
                text="TẬP HUẤN THƯƠNG LƯỢNG TẬP THỂ",
            )
        ],
    ),
    # Chính sách – Pháp luật --------------------------------------------------------------------
    Story(
        category=POLICY,
        title="Hỏi – đáp: lương tối thiểu vùng và những điều người lao động cần biết",
        lead=(
            "Lương tối thiểu vùng là mức thấp nhất làm cơ sở để doanh nghiệp và người lao động thỏa "
            "thuận, trả lương. Liên đoàn Lao động tỉnh giải đáp một số câu hỏi thường gặp."
        ),
        body="""
<h2>Khoản nào được đem so với lương tối thiểu?</h2>
<p>Mức được so sánh là mức lương theo công việc hoặc chức danh của người lao động làm đủ thời giờ làm việc bình thường trong tháng và hoàn thành định mức đã thỏa thuận. Vì vậy, tiền làm thêm giờ hay tiền thưởng không thể dùng để “bù” cho đủ mức tối thiểu.</p>
<h2>Nơi tôi làm việc thuộc vùng nào?</h2>
<p>Mỗi phường, xã được xếp vào một vùng theo danh mục ban hành kèm nghị định của Chính phủ, nên các địa bàn trong tỉnh có thể áp dụng những mức khác nhau. Người lao động nên hỏi công đoàn cơ sở hoặc bộ phận nhân sự để biết nơi mình làm việc áp dụng mức vùng nào.</p>
<h2>Doanh nghiệp trả thấp hơn thì sao?</h2>
<p>Đây là hành vi vi phạm pháp luật lao động. Người lao động có thể phản ánh với công đoàn cơ sở; nếu doanh nghiệp chưa có công đoàn, hãy liên hệ Liên đoàn Lao động tỉnh để được tư vấn, hỗ trợ miễn phí.</p>
""",
        byline="THÙY DUNG",
        tags=["chính sách pháp luật", "tiền lương", "người lao động"],
        when=days_ago(12, 10, 30),
        photos=[
            Pic(
                "banner",
                "Chuyên mục hỏi – đáp pháp luật lao động của Liên đoàn Lao động tỉnh.",
                "Áp phích xanh đỏ với dòng chữ Hỏi – đáp pháp luật lao động",
                text="Hỏi – đáp pháp luật lao động",
            )
        ],
    ),
    Story(
        category=POLICY,
        title="Đối thoại tại nơi làm việc: quyền của người lao động, trách nhiệm của doanh nghiệp",
        lead=(
            "Bộ luật Lao động năm 2019 yêu cầu người sử dụng lao động tổ chức đối thoại định kỳ ít "
            "nhất mỗi năm một lần. Đây là kênh để người lao động trực tiếp nêu ý kiến về tiền lương, "
            "điều kiện làm việc và những vấn đề mình quan tâm."
        ),
        body="""
<p>Ngoài đối thoại định kỳ, doanh nghiệp còn phải tổ chức đối thoại khi một bên có yêu cầu, và khi có những việc ảnh hưởng trực tiếp đến người lao động như cho thôi việc nhiều người vì lý do kinh tế, xây dựng thang lương, bảng lương, định mức lao động, quy chế thưởng hay nội quy lao động.</p>
<p>Phía người lao động tham gia đối thoại gồm đại diện của công đoàn cơ sở và nhóm đại diện do những người lao động chưa là đoàn viên bầu ra. Nội dung chính của buổi đối thoại phải được phổ biến công khai tại nơi làm việc.</p>
<h2>Để đối thoại không hình thức</h2>
<ul>
<li>Lấy ý kiến người lao động trước buổi đối thoại, qua hòm thư góp ý hoặc nhóm trò chuyện của công đoàn;</li>
<li>Chọn người đại diện hiểu việc, dám nói;</li>
<li>Theo dõi việc thực hiện những nội dung đã thống nhất và báo cáo lại ở kỳ đối thoại sau.</li>
</ul>
<p>Các công đoàn cơ sở có thể gửi câu hỏi về quy trình đối thoại tới chuyên mục này để được giải đáp.</p>
""",
        byline="T.N",
        source="LĐ online",
        tags=["đối thoại tại nơi làm việc", "chính sách pháp luật", "người lao động"],
        when=days_ago(30, 9, 0),
        photos=[
            Pic(
                "hall",
                "Một buổi đối thoại định kỳ giữa người lao động và ban giám đốc doanh nghiệp.",
                "Phòng họp với phông nền ghi dòng chữ Đối thoại tại nơi làm việc",
                text="ĐỐI THOẠI TẠI NƠI LÀM VIỆC",
            )
        ],
    ),
    Story(
        category=POLICY,
        title="Những điểm mới của Luật Công đoàn năm 2024 mà người lao động cần biết",
        lead=(
            "Luật Công đoàn năm 2024 có hiệu lực từ ngày 1/7/2025, mở rộng đối tượng được gia nhập "
            "công đoàn và quy định rõ hơn việc quản lý, sử dụng tài chính công đoàn."
        ),
        body="""
<p>Một điểm mới đáng chú ý là người lao động nước ngoài làm việc tại Việt Nam theo giấy phép lao động có thời hạn từ đủ 12 tháng trở lên được gia nhập và hoạt động công đoàn tại công đoàn cơ sở. Luật tiếp tục khẳng định vai trò của công đoàn trong đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên và người lao động.</p>
<p>Về tài chính, kinh phí công đoàn vẫn do cơ quan, doanh nghiệp đóng bằng 2% quỹ tiền lương làm căn cứ đóng bảo hiểm xã hội cho người lao động; đoàn viên đóng đoàn phí theo quy định của Tổng Liên đoàn Lao động Việt Nam. Việc quản lý, sử dụng tài chính công đoàn phải công khai, minh bạch.</p>
<p>Các cấp công đoàn trong tỉnh đang tuyên truyền Luật tới đoàn viên qua hội nghị, tờ gấp và các buổi sinh hoạt công đoàn. Người lao động có thắc mắc có thể liên hệ công đoàn cơ sở hoặc Liên đoàn Lao động tỉnh.</p>
""",
        byline="K.PHƯƠNG",
        tags=["chính sách pháp luật", "công đoàn", "đoàn viên"],
        when=days_ago(41, 15, 20),
        photos=[
            Pic(
                "banner",
                "Luật Công đoàn năm 2024 được tuyên truyền rộng rãi tới đoàn viên.",
                "Áp phích xanh đỏ với dòng chữ Luật Công đoàn năm 2024",
                text="Luật Công đoàn năm 2024",
            )
        ],
    ),
    Story(
        category=POLICY,
        title="Cân nhắc kỹ trước khi nhận bảo hiểm xã hội một lần",
        lead=(
            "Mỗi khi nghỉ việc, không ít công nhân tính chuyện nhận bảo hiểm xã hội một lần để có "
            "khoản tiền trước mắt. Cán bộ công đoàn khuyên người lao động nên bảo lưu thời gian đóng "
            "để hưởng lương hưu sau này."
        ),
        body="""
<p>Khoản tiền nhận một lần thường thấp hơn nhiều so với tổng lương hưu và quyền lợi bảo hiểm y tế mà người lao động được hưởng nếu tiếp tục tham gia cho đến khi đủ điều kiện.</p>
<p>Khi đã nhận bảo hiểm xã hội một lần, toàn bộ thời gian đóng trước đó không còn được tính; nếu đi làm lại, người lao động phải bắt đầu từ đầu. Ngược lại, thời gian đóng được bảo lưu sẽ được cộng dồn khi tham gia lại, kể cả khi chuyển sang bảo hiểm xã hội tự nguyện.</p>
<h2>Những câu hỏi nên tự đặt ra</h2>
<ul>
<li>Mình đã đóng bảo hiểm xã hội bao nhiêu năm, còn bao lâu nữa thì đủ điều kiện hưởng lương hưu?</li>
<li>Khó khăn trước mắt có thể giải quyết bằng trợ cấp thất nghiệp, vay vốn ưu đãi hay sự hỗ trợ của công đoàn không?</li>
<li>Khi về già, mình sẽ sống bằng nguồn thu nhập nào?</li>
</ul>
<p>Công đoàn các cấp sẵn sàng tư vấn miễn phí cho đoàn viên về bảo hiểm xã hội, bảo hiểm thất nghiệp trước khi họ quyết định.</p>
""",
        byline="THÙY DUNG",
        tags=["chính sách pháp luật", "bảo hiểm xã hội", "người lao động"],
        when=days_ago(50, 10, 0),
        photos=[
            Pic(
                "banner",
                "Bảo lưu thời gian đóng bảo hiểm xã hội để có lương hưu khi về già.",
                "Áp phích xanh đỏ với dòng chữ Bảo hiểm xã hội – chỗ dựa khi về già",
                text="Bảo hiểm xã hội – chỗ dựa khi về già",
            )
        ],
    ),
    # Gương điển hình ---------------------------------------------------------------------------
    Story(
        category=EXEMPLARS,
        title="Nữ công nhân chè với hàng chục sáng kiến cải tiến kỹ thuật",
        lead=(
            "Hơn 20 năm gắn bó với cây chè ở Bảo Lộc, chị Trần Thị Mai Hương đã có hàng chục sáng "
            "kiến giúp nâng năng suất và giảm sức lao động cho đồng nghiệp."
        ),
        body="""
<p>Sáng nào cũng vậy, khi sương còn phủ kín những đồi chè, chị Hương đã có mặt ở xưởng chế biến. Công việc của chị là theo dõi dây chuyền sao, vò chè, nơi chỉ một thay đổi nhỏ về nhiệt độ hay thời gian cũng làm khác đi hương vị của cả mẻ chè.</p>
<p>Từ quan sát hằng ngày, chị đề xuất cải tiến khay hứng chè sau vò để giảm rơi vãi, rồi bố trí lại băng tải để công nhân không phải cúi khom khi phân loại. Những sáng kiến tưởng nhỏ ấy giúp doanh nghiệp tiết kiệm hàng trăm triệu đồng mỗi năm.</p>
<h2>“Thấy chỗ nào vất vả thì nghĩ cách làm cho nhẹ hơn”</h2>
<p>Nói về bí quyết, chị Hương cười: “Tôi không có gì đặc biệt, chỉ là thấy chỗ nào anh chị em vất vả thì nghĩ cách làm cho nhẹ hơn”. Là tổ trưởng công đoàn, chị còn kèm cặp công nhân mới và thường xuyên thăm hỏi những gia đình khó khăn trong tổ.</p>
<p>Với những đóng góp đó, chị nhiều năm liền đạt danh hiệu Lao động giỏi và được Liên đoàn Lao động tỉnh tặng Bằng khen.</p>
""",
        byline="HOÀNG YẾN",
        tags=["điển hình tiên tiến", "sáng kiến", "Bảo Lộc", "nữ công"],
        when=days_ago(8, 7, 30),
        photos=[
            Pic(
                "tea",
                "Những đồi chè Bảo Lộc, nơi chị Hương gắn bó hơn 20 năm.",
                "Những luống chè xanh trải dài trên đồi, vài người đội nón lá đang hái chè",
            ),
            Pic(
                "tea",
                "Công nhân hái chè vào buổi sáng.",
                "Người hái chè đội nón lá giữa các luống chè",
            ),
        ],
    ),
    Story(
        category=EXEMPLARS,
        title="Người “giữ lửa” công đoàn ở doanh nghiệp rau hoa Đức Trọng",
        lead=(
            "Từ một công nhân trồng hoa, anh Phạm Văn Lộc trở thành Chủ tịch công đoàn cơ sở được "
            "người lao động tin tưởng nhờ sự tận tâm và cách làm việc thẳng thắn, có tình có lý."
        ),
        body="""
<p>Công ty nơi anh Lộc làm việc có gần 400 lao động, phần lớn là người địa phương và đồng bào dân tộc thiểu số. Khi mới nhận nhiệm vụ, anh dành nhiều buổi tối đến nhà từng công nhân để hỏi chuyện, ghi lại những băn khoăn về lương, thưởng và ca làm việc.</p>
<p>Nhờ nắm chắc tâm tư người lao động, công đoàn đã thương lượng thành công việc tăng phụ cấp làm việc trong nhà kính, hỗ trợ tiền xăng xe và tổ chức bữa ăn giữa ca. Thỏa ước lao động tập thể của công ty hiện có nhiều điều khoản có lợi hơn quy định của pháp luật.</p>
<p>Không chỉ lo quyền lợi, anh Lộc còn vận động lập quỹ “Tương thân tương ái” để kịp thời giúp công nhân ốm đau, gặp hoạn nạn. “Công đoàn phải là nơi anh em tìm đến đầu tiên khi có chuyện”, anh nói.</p>
""",
        byline="MINH ĐẠO",
        source="LĐ online",
        tags=["điển hình tiên tiến", "Đức Trọng", "thương lượng tập thể"],
        when=days_ago(19, 13, 15),
        photos=[
            Pic(
                "hydrangea",
                "Hoa cẩm tú cầu, một trong những sản phẩm chính của doanh nghiệp.",
                "Những chùm hoa cẩm tú cầu xanh tím trên nền lá xanh",
            ),
        ],
    ),
    Story(
        category=EXEMPLARS,
        title="Cô giáo Ka Thủy và những lớp học vùng cao Di Linh",
        lead=(
            "Gần 15 năm đứng lớp ở những điểm trường xa, cô giáo người K’Ho Ka Thủy không chỉ dạy "
            "chữ mà còn đến từng nhà vận động học sinh trở lại lớp."
        ),
        body="""
<p>Điểm trường nơi cô Ka Thủy dạy cách trung tâm xã gần 10 km, con đường đất đỏ mùa mưa trơn trượt. Nhiều hôm cô phải gửi xe máy ở nhà dân rồi đi bộ vào lớp.</p>
<p>Hiểu tiếng nói và phong tục của bà con, cô kiên trì thuyết phục phụ huynh cho con đi học đều, nhất là vào mùa thu hoạch cà phê, khi nhiều em phải theo cha mẹ lên rẫy. Cô còn tự làm đồ dùng dạy học bằng tre, lá và giấy màu để các em dễ tiếp thu.</p>
<p>Là ủy viên Ban Chấp hành công đoàn trường, cô tích cực vận động đồng nghiệp góp sách vở, quần áo ấm cho học sinh nghèo. Năm học vừa qua, cô được Công đoàn ngành Giáo dục tỉnh biểu dương là một trong những nữ đoàn viên tiêu biểu.</p>
""",
        byline="N.HÀ",
        tags=["điển hình tiên tiến", "Di Linh", "nữ công"],
        when=days_ago(34, 18, 0),
        photos=[
            Pic(
                "hills",
                "Con đường đến điểm trường vùng cao ở Di Linh.",
                "Những ngọn đồi phủ thông xanh nối tiếp nhau đến chân trời",
            )
        ],
    ),
    Story(
        category=EXEMPLARS,
        title="Người thợ điện hơn 20 năm bám tuyến đường dây vùng cao",
        lead=(
            "Anh Lê Minh Tuấn, công nhân quản lý vận hành lưới điện, đã cùng đồng đội giữ cho những "
            "tuyến đường dây qua vùng đồi núi luôn thông suốt, an toàn, kể cả trong những đêm mưa "
            "bão."
        ),
        body="""
<p>Tuyến đường dây anh Tuấn phụ trách chạy qua nhiều đồi cà phê, rừng thông và những khe suối sâu. Mùa mưa, cây đổ, sạt lở là nỗi lo thường trực; có đêm cả tổ phải băng rừng trong mưa để tìm điểm sự cố, khôi phục điện cho hàng nghìn hộ dân.</p>
<p>Là an toàn, vệ sinh viên của đơn vị, anh luôn nhắc đồng đội kiểm tra kỹ dây an toàn, tiếp địa trước khi thao tác. “Trên cột điện, chỉ một phút chủ quan là trả giá bằng cả đời”, anh nói.</p>
<p>Anh cũng là tác giả sáng kiến cần cách điện nối dài để phát quang hành lang tuyến, giúp công nhân không phải trèo cây, giảm hẳn nguy cơ tai nạn. Sáng kiến đã được áp dụng rộng rãi trong đơn vị.</p>
""",
        byline="VĂN BÌNH",
        tags=["điển hình tiên tiến", "sáng kiến", "an toàn vệ sinh lao động", "Di Linh"],
        when=days_ago(58, 9, 40),
        photos=[
            Pic(
                "hills",
                "Những tuyến đường dây vượt qua đồi núi vùng cao.",
                "Đồi núi nhiều lớp với hàng thông trong ánh chiều",
            )
        ],
    ),
    # Chăm lo đoàn viên -------------------------------------------------------------------------
    Story(
        category=CARE,
        title="Trao 15 “Mái ấm Công đoàn” cho đoàn viên khó khăn về nhà ở",
        lead=(
            "Liên đoàn Lao động tỉnh vừa bàn giao 15 căn nhà “Mái ấm Công đoàn” cho đoàn viên có "
            "hoàn cảnh khó khăn ở Di Linh, Bảo Lộc, Lâm Hà và Đà Lạt; mỗi căn được hỗ trợ từ 50 "
            "đến 70 triệu đồng."
        ),
        body="""
<p>Gia đình anh K’Brơi, công nhân một nông trường cà phê ở Di Linh, nhiều năm sống trong căn nhà gỗ tạm bợ, mái tôn thủng, mùa mưa dột khắp nơi. Nhận chìa khóa căn nhà mới, anh xúc động: “Có nhà rồi, các con tôi không còn phải lo mưa gió nữa”.</p>
<p>Kinh phí xây dựng được trích từ Quỹ Mái ấm Công đoàn tỉnh, cùng sự đóng góp của doanh nghiệp, nhà hảo tâm và công đoàn cơ sở nơi đoàn viên làm việc. Nhiều đồng nghiệp còn góp ngày công để giúp gia đình hoàn thiện nhà đúng hẹn.</p>
<h2>Ai được hỗ trợ?</h2>
<ul>
<li>Đoàn viên công đoàn có thời gian tham gia công đoàn liên tục;</li>
<li>Chưa có nhà ở, hoặc nhà ở hư hỏng nặng, không bảo đảm an toàn;</li>
<li>Có hoàn cảnh đặc biệt khó khăn, được công đoàn cơ sở đề nghị và xác nhận.</li>
</ul>
<p>Liên đoàn Lao động tỉnh cho biết chương trình sẽ tiếp tục trong năm tới, ưu tiên đoàn viên là công nhân các khu công nghiệp và đồng bào dân tộc thiểu số.</p>
""",
        byline="D.QUỲNH",
        source="LĐ online",
        tags=["Mái ấm Công đoàn", "đoàn viên", "Di Linh", "Bảo Lộc"],
        when=days_ago(2, 10, 15),
        featured=True,
        photos=[
            Pic(
                "house",
                "Căn nhà “Mái ấm Công đoàn” của gia đình anh K’Brơi ở Di Linh.",
                "Ngôi nhà mới mái đỏ, cửa chính buộc dải lụa đỏ, phía sau là đồi thông",
            ),
            Pic(
                "house",
                "Một căn nhà “Mái ấm Công đoàn” khác vừa hoàn thành ở Bảo Lộc.",
                "Ngôi nhà mới tường sáng màu, trước sân có hoa và cây bụi",
            ),
            Pic(
                "hall",
                "Lễ bàn giao “Mái ấm Công đoàn” cho đoàn viên.",
                "Sân khấu buổi lễ với phông nền ghi dòng chữ Trao Mái ấm Công đoàn",
                text="TRAO MÁI ẤM CÔNG ĐOÀN",
            ),
        ],
    ),
    Story(
        category=CARE,
        title="“Tết Sum vầy”: những chuyến xe miễn phí đưa công nhân về quê",
        lead=(
            "Trong chương trình “Tết Sum vầy”, các cấp công đoàn trong tỉnh đã tổ chức những chuyến "
            "xe miễn phí, trao hàng nghìn suất quà và vé xe cho công nhân có hoàn cảnh khó khăn về "
            "quê đón Tết."
        ),
        body="""
<p>Từ sáng sớm, khu vực trước cổng Khu công nghiệp Lộc Sơn đã rộn ràng tiếng cười nói. Những chiếc xe khách trang trí cờ hoa lần lượt lăn bánh, đưa công nhân về các tỉnh miền Trung, miền Bắc.</p>
<p>Chị Nguyễn Thị Hoa, quê Nghệ An, đã ba năm chưa về quê ăn Tết vì chi phí đi lại quá cao. “Năm nay có xe công đoàn, vợ chồng tôi đưa được hai con về thăm ông bà. Cả nhà mừng lắm”, chị nói.</p>
<p>Bên cạnh những chuyến xe, công đoàn còn tổ chức “Phiên chợ Tết Công đoàn” với nhiều mặt hàng giá ưu đãi hoặc tặng miễn phí bằng phiếu mua hàng, thăm hỏi công nhân ở lại phòng trọ đón Tết và tổ chức bữa cơm tất niên tại khu nhà trọ.</p>
<p>Lãnh đạo Liên đoàn Lao động tỉnh nhấn mạnh mục tiêu không để đoàn viên, người lao động nào không có Tết, nhất là những người mất việc, giảm thu nhập hoặc đang điều trị bệnh hiểm nghèo.</p>
""",
        byline="T.N",
        source="LĐ online",
        tags=["Tết Sum vầy", "người lao động", "khu công nghiệp", "Bảo Lộc"],
        when=last_season(1, 22, 8, 45),
        photos=[
            Pic(
                "cherry",
                "Mai anh đào nở rộ đón Tết trên cao nguyên.",
                "Cành mai anh đào nở hoa hồng trên nền trời xanh",
            ),
            Pic(
                "banner",
                "Chương trình “Tết Sum vầy” của công đoàn các cấp.",
                "Áp phích đỏ xanh với dòng chữ Tết Sum vầy",
                text="Tết Sum vầy",
            ),
        ],
    ),
    Story(
        category=CARE,
        title="Khám sức khỏe miễn phí cho công nhân Khu công nghiệp Lộc Sơn",
        lead=(
            "Hơn 500 công nhân được khám, tư vấn sức khỏe và cấp thuốc miễn phí trong chương trình do "
            "công đoàn phối hợp với các bệnh viện tổ chức ngay tại khu công nghiệp."
        ),
        body="""
<p>Các bác sĩ khám nội khoa, tai mũi họng, răng hàm mặt, đo huyết áp, đường huyết và tư vấn dinh dưỡng. Nhiều công nhân lần đầu được khám tổng quát sau nhiều năm đi làm.</p>
<p>Chị Lâm Thị Mỹ, công nhân một doanh nghiệp dệt, cho biết vì làm theo ca nên chị hiếm khi có thời gian đi khám. “Khám ngay tại khu công nghiệp, không mất ngày công, lại được bác sĩ dặn dò kỹ nên ai cũng muốn tham gia”, chị nói.</p>
<p>Những trường hợp phát hiện bệnh được tư vấn đi khám chuyên sâu; công đoàn cơ sở sẽ theo dõi và hỗ trợ đoàn viên trong quá trình điều trị.</p>
""",
        byline="K.PHƯƠNG",
        tags=["sức khỏe", "khu công nghiệp", "Bảo Lộc", "người lao động"],
        when=days_ago(13, 15, 30),
        photos=[
            Pic(
                "banner",
                "Chương trình khám sức khỏe miễn phí cho công nhân.",
                "Áp phích xanh đỏ với dòng chữ Vì sức khỏe người lao động",
                text="Vì sức khỏe người lao động",
            )
        ],
    ),
    Story(
        category=CARE,
        title="Trao học bổng “Vượt khó học giỏi” cho con đoàn viên",
        lead=(
            "Trước thềm năm học mới, 120 học sinh, sinh viên là con đoàn viên có hoàn cảnh khó khăn, "
            "học tập tốt đã nhận học bổng “Vượt khó học giỏi” của Liên đoàn Lao động tỉnh."
        ),
        body="""
<p>Mỗi suất học bổng gồm tiền mặt và một bộ đồ dùng học tập. Nhiều em có cha mẹ là công nhân, nông dân, lao động tự do; có em mồ côi cha hoặc mẹ nhưng vẫn đạt học sinh giỏi nhiều năm liền.</p>
<p>Em Gia Bảo, học sinh lớp 11 ở Đà Lạt, con của một nữ công nhân vệ sinh môi trường, cho biết sẽ dùng học bổng để mua sách ôn thi và cố gắng đỗ đại học để mẹ bớt vất vả.</p>
<p>Chương trình được duy trì hằng năm nhờ kinh phí công đoàn và sự đồng hành của doanh nghiệp, nhà hảo tâm. Liên đoàn Lao động tỉnh mong học bổng sẽ là động lực để các em tiếp tục vươn lên.</p>
""",
        byline="THÙY DUNG",
        tags=["học bổng", "đoàn viên", "Đà Lạt"],
        when=last_season(8, 28, 9, 0),
        photos=[
            Pic(
                "banner",
                "Học bổng “Vượt khó học giỏi” dành cho con đoàn viên.",
                "Áp phích xanh đỏ với dòng chữ Vượt khó học giỏi",
                text="Vượt khó học giỏi",
            ),
            Pic(
                "sunflowers",
                "Hoa dã quỳ trên đường đến trường.",
                "Những bông dã quỳ vàng dưới bầu trời trong",
            ),
        ],
    ),
    # Văn hóa – Thể thao ------------------------------------------------------------------------
    Story(
        category=CULTURE,
        title="Khai mạc Giải bóng đá công nhân, viên chức, lao động toàn tỉnh",
        lead=(
            "16 đội bóng đến từ các công đoàn ngành, công đoàn khu công nghiệp và doanh nghiệp tranh "
            "tài trong 10 ngày tại sân vận động Đà Lạt."
        ),
        body="""
<p>Giải đấu thu hút gần 300 cầu thủ là công nhân, viên chức, lao động. Các đội được chia thành bốn bảng thi đấu vòng tròn; hai đội đứng đầu mỗi bảng vào tứ kết.</p>
<p>Ngay trận khai mạc, đội Công đoàn các Khu công nghiệp thắng 3–2 trước đội Công đoàn ngành Y tế trong sự cổ vũ cuồng nhiệt của hàng trăm công nhân. Nhiều pha bóng đẹp và tinh thần thi đấu cao thượng nhận được tràng pháo tay của khán giả.</p>
<p>Theo Ban tổ chức, giải không chỉ giúp người lao động rèn luyện sức khỏe mà còn là dịp giao lưu, gắn bó; qua đó chọn những cầu thủ tiêu biểu tham gia các giải do Tổng Liên đoàn Lao động Việt Nam tổ chức.</p>
""",
        byline="VĂN BÌNH",
        tags=["thể thao", "người lao động", "Đà Lạt"],
        when=days_ago(5, 16, 30),
        photos=[
            Pic(
                "stadium",
                "Trận khai mạc giữa đội Công đoàn các Khu công nghiệp và đội Công đoàn ngành Y tế.",
                "Sân bóng với cầu thủ áo đỏ và áo xanh, khán đài kín người cổ vũ",
            ),
        ],
    ),
    Story(
        category=CULTURE,
        title="Hội diễn văn nghệ công nhân, lao động “Sắc màu cao nguyên”",
        lead=(
            "Hơn 20 đội văn nghệ với gần 400 diễn viên không chuyên là công nhân, viên chức đã mang "
            "đến những tiết mục đậm bản sắc cao nguyên và tình yêu lao động."
        ),
        body="""
<p>Các tiết mục múa, hát, tiểu phẩm đều do người lao động tự dàn dựng sau giờ làm việc. Nhiều tiết mục khai thác chất liệu dân ca K’Ho, Mạ, Chu Ru kết hợp tiếng cồng chiêng, tạo nên không khí sôi động, đặc sắc.</p>
<p>Tiểu phẩm “Ca đêm” của công nhân một nhà máy ở Đức Trọng khiến khán giả vừa cười vừa xúc động, khi kể về những đôi vợ chồng công nhân làm lệch ca, chỉ gặp nhau qua mẩu giấy nhắn dán trên cửa tủ lạnh.</p>
<p>Kết thúc hội diễn, Ban tổ chức trao giải nhất toàn đoàn cho Công đoàn ngành Giáo dục, cùng nhiều giải cho các tiết mục và diễn viên xuất sắc.</p>
""",
        byline="HOÀNG YẾN",
        tags=["văn hóa", "người lao động", "Đức Trọng"],
        when=days_ago(27, 19, 30),
        photos=[
            Pic(
                "stage",
                "Tiết mục múa nón mở màn hội diễn “Sắc màu cao nguyên”.",
                "Các diễn viên mặc áo dài múa với nón lá dưới ánh đèn sân khấu",
                text="HỘI DIỄN SẮC MÀU CAO NGUYÊN",
            ),
        ],
    ),
    Story(
        category=CULTURE,
        title="Gần 2.000 người chạy quanh hồ Xuân Hương vì sức khỏe người lao động",
        lead=(
            "Sáng sớm chủ nhật, trong tiết trời se lạnh của Đà Lạt, gần 2.000 công nhân, viên chức, "
            "lao động và người dân đã cùng tham gia giải chạy “Vì sức khỏe người lao động”."
        ),
        body="""
<p>Giải có hai cự ly 5 km và 10 km, xuất phát từ Quảng trường Lâm Viên và chạy vòng quanh hồ Xuân Hương. Nhiều gia đình công nhân đưa cả con nhỏ đến tham gia, tạo nên không khí như một ngày hội.</p>
<p>Với mỗi ki-lô-mét người chạy hoàn thành, nhà tài trợ góp một khoản tiền vào Quỹ Mái ấm Công đoàn. Số tiền quyên góp được sẽ dùng để hỗ trợ xây, sửa nhà cho đoàn viên có hoàn cảnh khó khăn.</p>
<p>Anh Đặng Văn Hải, công nhân điện lực, về nhất cự ly 10 km nam, chia sẻ: “Tôi tập chạy mỗi sáng trước giờ làm. Vừa khỏe người, vừa góp được một phần nhỏ cho đồng nghiệp khó khăn thì còn gì vui bằng”.</p>
""",
        byline="MINH ĐẠO",
        source="LĐ online",
        tags=["thể thao", "sức khỏe", "Đà Lạt", "Mái ấm Công đoàn"],
        when=days_ago(11, 6, 45),
        featured=True,
        photos=[
            Pic(
                "lake",
                "Hồ Xuân Hương trong buổi sáng diễn ra giải chạy.",
                "Mặt hồ phẳng lặng phản chiếu đồi thông và bầu trời buổi sớm",
            ),
            Pic(
                "lake",
                "Đường chạy quanh hồ trong sương sớm.",
                "Mặt hồ và đồi núi trong sương mờ",
            ),
        ],
    ),
    Story(
        category=CULTURE,
        title="Hội thi “Duyên dáng áo dài” chào mừng Ngày Phụ nữ Việt Nam 20/10",
        lead=(
            "Ba mươi thí sinh là nữ công nhân, viên chức, lao động đã trình diễn áo dài, thi tài năng "
            "và ứng xử trong hội thi do Ban Nữ công Liên đoàn Lao động tỉnh tổ chức tại Bảo Lộc."
        ),
        body="""
<p>Hội thi gồm ba phần: trình diễn áo dài truyền thống, tài năng và ứng xử. Nhiều thí sinh chọn áo dài in họa tiết hoa dã quỳ, đồi chè, thể hiện tình yêu với quê hương cao nguyên.</p>
<p>Ở phần ứng xử, các câu hỏi xoay quanh vai trò của phụ nữ trong gia đình và nơi làm việc, bình đẳng giới, phòng chống bạo lực gia đình. Thí sinh Vũ Thị Thanh Tâm, giáo viên mầm non, gây ấn tượng với câu trả lời về cách cân bằng giữa công việc và chăm sóc con nhỏ.</p>
<p>Ban tổ chức trao giải nhất cho thí sinh Vũ Thị Thanh Tâm, cùng các giải nhì, ba, khuyến khích và hai giải phụ “Áo dài đẹp nhất”, “Thí sinh được yêu thích nhất”.</p>
""",
        byline="N.HÀ",
        tags=["nữ công", "văn hóa", "Bảo Lộc"],
        when=last_season(10, 19, 20, 10),
        photos=[
            Pic(
                "sunflowers",
                "Sắc dã quỳ, họa tiết được nhiều thí sinh chọn cho tà áo dài.",
                "Hoa dã quỳ vàng nở rộ dưới nắng",
            ),
            Pic(
                "banner",
                "Hội thi “Duyên dáng áo dài” của nữ công nhân, viên chức, lao động.",
                "Áp phích đỏ xanh với dòng chữ Duyên dáng áo dài",
                text="Duyên dáng áo dài",
            ),
        ],
    ),
]


# Loading ----------------------------------------------------------------------------------------


@dataclass
class Summary:
    articles: int = 0
    created: int = 0
    photos: int = 0
    categories: list = field(default_factory=list)

    def __str__(self):
        if not self.created:
            return f"{self.articles} bài, đã có sẵn"
        return f"{self.articles} bài, thêm mới {self.created} bài và {self.photos} ảnh"


def load_categories():
    categories = {}
    for order, (name, description) in enumerate(CATEGORIES, start=1):
        slug = slugify_vi(name)
        category = (
            Category.objects.filter(slug=slug).first() or Category.objects.filter(name=name).first()
        )
        if category is None:
            category = Category.objects.create(
                name=name, slug=slug, order=order * 10, description=description
            )
        categories[slug] = category
    return categories


def _add_photos(article, story):
    for i, pic in enumerate(story.photos):
        seed = f"{story.slug}-{i}"
        data = demo_images.scene(pic.kind, seed, text=pic.text)
        Photo.objects.create(
            article=article,
            image=ContentFile(data, name=f"{story.slug[:60]}-{i + 1}.jpg"),
            caption=pic.caption,
            alt_text=pic.alt,
            credit=pic.credit or story.byline,
            order=i,
            is_cover=i == 0,
        )


def load_news(stories=STORIES):
    """Create the demo categories and every demo article that is missing (matched by slug).

    Existing articles are left as they are, so a second run adds nothing and draws no image.
    Returns a one-line Vietnamese summary for load_demo to print.
    """
    now = timezone.now()
    categories = load_categories()
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in stories]).values_list("slug", flat=True)
    )
    summary = Summary(articles=len(stories))
    for story in stories:
        if story.slug in existing:
            continue
        article = Article.objects.create(
            title=story.title,
            slug=story.slug,
            lead=story.lead,
            body=story.body.strip(),
            category=categories[story.category],
            byline=story.byline,
            source_label=story.source,
            status=Article.Status.PUBLISHED,
            published_at=story.when(now),
            featured=story.featured,
        )
        article.tags.add(*story.tags)
        _add_photos(article, story)
        summary.created += 1
        summary.photos += len(story.photos)
    return str(summary)


def load_reads(days=7):
    """Read counts for the past week, so the home page's "Đọc nhiều" block has something to show
    on a fresh install. Only when the week has no counts at all: real reads are never touched."""
    from news.models import ArticleViewCount

    today = timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    if ArticleViewCount.objects.filter(day__gte=since).exists():
        return "đã có số liệu"
    articles = list(Article.objects.published().order_by("-published_at")[:12])
    rows = [
        ArticleViewCount(
            article=article,
            day=since + dt.timedelta(days=d),
            # Deterministic, varied numbers: newer and featured stories read more.
            count=(40 - 3 * rank) + (25 if article.featured else 0) + (rank * 7 + d * 5) % 17,
        )
        for rank, article in enumerate(articles)
        for d in range(days)
    ]
    ArticleViewCount.objects.bulk_create(rows)
    return f"{len(rows)} dòng lượt đọc cho {len(articles)} bài"
