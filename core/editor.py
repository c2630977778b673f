"""The rich-text editor's image upload (CKEditor 5), through the one image pipeline."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.images import clean_image_content, validate_image


@require_POST
def editor_image_upload(request):
    """CKEditor's image upload: staff only, through the same image pipeline as every photo."""
    if not request.user.is_active or not request.user.is_staff:
        return JsonResponse({"error": {"message": "Bạn không có quyền tải ảnh lên."}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Chưa chọn tệp ảnh."}}, status=400)
    try:
        validate_image(upload)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": " ".join(exc.messages)}}, status=400)
    content, name = clean_image_content(upload, upload.name)
    path = default_storage.save(f"editor/{timezone.now():%Y/%m}/{name}", content)
    return JsonResponse({"url": default_storage.url(path)})
