"""Demo PDFs laid out like Vietnamese official papers: the font, the page and the two-block header."""

import io
from pathlib import Path


def font_path(bold=False):
    """DejaVu Sans, which has every Vietnamese glyph: matplotlib ships it, so pip brings it."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    candidates = []
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name)
    except ImportError:
        pass
    candidates.append(Path("/usr/share/fonts/truetype/dejavu") / name)
    return next((path for path in candidates if path.exists()), None)


def new_pdf(title, author=None):
    """An A4 page set in DejaVu, ready to write on; None without fpdf2 or the font."""
    try:
        from fpdf import FPDF
    except ImportError:
        return None
    regular, bold = font_path(), font_path(bold=True)
    if regular is None or bold is None:
        return None
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.add_page()
    return pdf


def para(pdf, text, size=11, style="", align="J", height=6):
    """One paragraph across the page."""
    pdf.set_font("DejaVu", style, size)
    pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def official_header(pdf, issuer, number, on):
    """The two header blocks of a Vietnamese official paper side by side, then its number and date."""
    width = pdf.epw
    pdf.set_font("DejaVu", "B", 10)
    top = pdf.get_y()
    pdf.multi_cell(width * 0.45, 5, issuer, align="C", new_x="LMARGIN", new_y="NEXT")
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + width * 0.45, top)
    pdf.multi_cell(
        width * 0.55,
        5,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(left_bottom, pdf.get_y()) + 3)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(width * 0.45, 6, number, align="C")
    pdf.cell(
        width * 0.55,
        6,
        f"Lâm Đồng, ngày {on:%d} tháng {on.month} năm {on.year}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)


def pdf_bytes(pdf):
    """The finished file."""
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()
