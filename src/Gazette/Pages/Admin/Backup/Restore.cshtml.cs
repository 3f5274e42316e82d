using System.Text;
using Gazette.Features.Backup;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Gazette.Pages.Admin.Backup;

/// <summary>
/// Administrators (the folder's policy) replace the site with a backup: an archive uploaded with the form,
/// or one kept in <c>backups/</c>. The upload is streamed straight into <c>backups/</c>, never read into
/// memory or a temporary folder first: a site's media can be many gigabytes. The form's token is checked
/// by hand, as it arrives ahead of the archive, so nothing is written for a forged request; then the
/// explicit confirmation, then a quick look at the archive (a damaged or unfitting one is refused here
/// already), and the restore is queued; the whole archive is checked again before anything changes.
/// </summary>
[IgnoreAntiforgeryToken]
[ReadsItsOwnBody]
[RequestSizeLimit(MaxUploadBytes)]
public sealed class RestoreModel(RestoreJobs jobs, StoredBackups stored, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : PageModel
{
    /// <summary>Generous: the archive holds every media file. nginx's limit for this address is set to match (deploy/nginx.conf).</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024 * 1024;

    public const string TicketCookie = "gazette.restore";
    public const string Upload = "upload";
    public const string ConfirmationValue = "replace";

    /// <summary>Form fields are names and short values; anything longer is no form of ours.</summary>
    private const int MaxFieldLength = 8 * 1024;

    /// <summary>The form has four parts; a request with many more is no form of ours either.</summary>
    private const int MaxSections = 16;

    public string? Error { get; private set; }

    public IActionResult OnGet() => RedirectToPage("Index");

    /// <remarks>
    /// No parameters, not even a cancellation token: a handler with any has its value providers made
    /// first, and the form's reads the whole body, the very thing this handler streams itself.
    /// </remarks>
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Send the restore form from the Backup page.");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? upload = null;
        string? uploadName = null;
        try
        {
            var reader = new MultipartReader(boundary, Request.Body);
            var tokenChecked = false;
            var sections = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++sections > MaxSections || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    return Refuse(StatusCodes.Status400BadRequest, "Send the restore form from the Backup page.");
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    // The page's form puts its token first: a file ahead of it is no form of ours.
                    if (!tokenChecked)
                    {
                        return Refuse(StatusCodes.Status400BadRequest, "The form's token is missing: reload the Backup page and send the form again.");
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value;
                    if (name != "Archive" || string.IsNullOrEmpty(fileName) || upload is not null)
                    {
                        await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                        continue;
                    }
                    upload = stored.NewUploadPath();
                    uploadName = Path.GetFileName(fileName);
                    await using var file = new FileStream(upload, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await section.Body.CopyToAsync(file, cancellationToken);
                    continue;
                }
                if (await ReadFieldAsync(section.Body, cancellationToken) is not { } value)
                {
                    return Refuse(StatusCodes.Status400BadRequest, "Send the restore form from the Backup page.");
                }
                fields[name] = value;
                if (name == antiforgeryOptions.Value.FormFieldName)
                {
                    // The antiforgery service reads the token from the form: give it the fields read so far.
                    HttpContext.Features.Set<IFormFeature>(new FormFeature(new FormCollection(new Dictionary<string, StringValues> { [name] = value })));
                    if (!await antiforgery.IsRequestValidAsync(HttpContext))
                    {
                        return Refuse(StatusCodes.Status400BadRequest, "The form's token is not valid: reload the Backup page and send the form again.");
                    }
                    tokenChecked = true;
                }
            }
            if (!tokenChecked)
            {
                return Refuse(StatusCodes.Status400BadRequest, "The form's token is missing: reload the Backup page and send the form again.");
            }
            if (fields.GetValueOrDefault("Confirm") != ConfirmationValue)
            {
                return Refuse(StatusCodes.Status400BadRequest,
                    "Restoring replaces everything on this site: tick \"Replace everything on this site with the backup\" to confirm. Nothing was changed.");
            }
            string path;
            string archiveName;
            if (fields.GetValueOrDefault("Source") is null or Upload)
            {
                if (upload is null || new FileInfo(upload).Length == 0)
                {
                    return Refuse(StatusCodes.Status400BadRequest, "Choose the backup archive (.zip) to upload, or one kept on the site. Nothing was changed.");
                }
                (path, archiveName) = (upload, uploadName!);
            }
            else if (stored.Find(fields["Source"]) is { } kept)
            {
                (path, archiveName) = (kept.Path, kept.Name);
            }
            else
            {
                return Refuse(StatusCodes.Status400BadRequest, "That backup is no longer kept on the site: choose another. Nothing was changed.");
            }
            try
            {
                await using var scope = HttpContext.RequestServices.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RestoreBackup>().CheckAsync(path, RestoreInto.ReplaceSite, cancellationToken);
            }
            catch (BackupRefusedException e)
            {
                return Refuse(StatusCodes.Status422UnprocessableEntity, e.Message);
            }
            var ticket = await jobs.StartAsync(new RestoreJobs.Request(path, archiveName, path == upload, User.Identity?.Name ?? "?"), cancellationToken);
            if (ticket is null)
            {
                return Refuse(StatusCodes.Status409Conflict,
                    "A backup, a restore or a WordPress import is running: wait for it to finish, then restore. Nothing was changed.");
            }
            // The job owns the upload now, and deletes it when it is over.
            upload = null;
            Response.Cookies.Append(TicketCookie, ticket, new CookieOptions
            {
                HttpOnly = true,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
                Secure = Request.IsHttps,
                Path = "/admin",
                IsEssential = true,
            });
            return RedirectToPage("/Admin/Restored");
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            // A body over the limit, a form cut short, or a disk that is full.
            return Refuse(e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                $"The upload could not be received whole ({e.Message}). Nothing was changed.");
        }
        finally
        {
            if (upload is not null)
            {
                System.IO.File.Delete(upload);
            }
        }
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>A text field's value, or null when it is longer than any field of the form.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length > MaxFieldLength ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
