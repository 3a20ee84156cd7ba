using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Site;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>Image uploads: checked by their content, stored under the hash of their bytes, listed with their addresses.</summary>
[RequestSizeLimit(MediaLibrary.MaxBytes + 64 * 1024)]
public sealed class MediaModel(SiteStore store, MediaLibrary media) : PageModel
{
    public IReadOnlyList<MediaFile> Files { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Files = await store.ListMediaAsync(HttpContext.AdminAccount().Id, ct: ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            Error = "Choose an image to upload.";
        else
        {
            await using var content = file.OpenReadStream();
            var upload = await media.SaveAsync(User.AuditActor(), HttpContext.AdminAccount().Id, content, file.FileName, ct);
            if (upload.File is { } saved)
            {
                TempData.Tell("media.uploaded", $"Uploaded. Its address is {saved.Url}");
                return RedirectToPage();
            }
            Error = upload.Error;
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Files = await store.ListMediaAsync(HttpContext.AdminAccount().Id, ct: ct);
        return Page();
    }
}
