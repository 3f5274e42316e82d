using System.Net.Http.Headers;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Media;

/// <summary>The media library as a test drives it: uploads with the page's antiforgery token, and the files on disk.</summary>
public static class MediaRequests
{
    /// <summary>Posts <paramref name="files"/> from the library's upload form.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient browser, params TestFile[] files)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(files);
        var page = await browser.GetDocumentAsync("/admin/media");
        var token = page.QuerySelector("form.upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            form.Add(content, "Files", file.FileName);
        }
        return await browser.PostAsync(new Uri("/admin/media", UriKind.Relative), form);
    }

    /// <summary>The id of the item an upload of one file redirected to.</summary>
    public static int ItemId(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}");
        var path = location.Split('?')[0];
        return int.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every file in the app's media folder.</summary>
    public static IReadOnlyList<string> StoredFiles(this GazetteApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = Path.Combine(app.DataDirectory, "media");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>Where the file at a <c>/media/…</c> address lives.</summary>
    public static string FileOf(this GazetteApp app, string address)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(address);
        return Path.Combine(app.DataDirectory, "media", address["/media/".Length..]);
    }
}
