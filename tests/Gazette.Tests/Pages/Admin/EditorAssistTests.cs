using System.Net;
using System.Text.Json;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

public sealed class EditorAssistTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task PreviewRendersWithThePublicPipelineAndSanitiser()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);

        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        var previewUrl = editor.QuerySelector("#article-editor")!.GetAttribute("data-preview-url")!;
        Assert.Equal("/admin/articles/edit?handler=Preview", previewUrl);
        var response = await browser.PostFormAsync("/admin/articles/edit", previewUrl, new()
        {
            ["Form.Body"] = "Lead sentence here. Another one follows.\n\n## Tides\n\n| Port | Time |\n|---|---|\n| Quay | 06:12 |\n\nNote.[^1]\n\n[^1]: A footnote.\n\n- [x] checked\n\n<script>alert(1)</script>",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var html = json.RootElement.GetProperty("html").GetString()!;
        Assert.Contains("<h2 id=\"tides\">Tides</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Quay</td>", html, StringComparison.Ordinal);
        Assert.Contains("footnote", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(json.RootElement.GetProperty("words").GetInt32() >= 12);
        Assert.Equal(1, json.RootElement.GetProperty("readingMinutes").GetInt32());
        Assert.StartsWith("Lead sentence here. Another one follows.", json.RootElement.GetProperty("suggestedExcerpt").GetString(), StringComparison.Ordinal);
    }
}
