using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// An imported WordPress post is HTML: its summary and its search text come from the rendered HTML
/// the same way a Markdown article's do, on import and on every save after it.
/// </summary>
public abstract class EditingAnImportedArticle(GazetteApp app)
{
    private const string Body =
        "<h2>Tonight</h2><p>The <strong>beacon</strong> on the skerry is lit.</p>"
        + "<figure><img src=\"/media/lamp.jpg\" alt=\"The lamp room at dusk\"><figcaption>The lamp</figcaption></figure>"
        + "<p>Keepers return in May.</p>";

    [Fact]
    public async Task SavingItInTheEditorKeepsItsLeadAndItsPlainText()
    {
        var site = "https://" + app.Unique("beacon") + ".example.net";
        var export = await File.ReadAllTextAsync(await WordPressFixtures.BeaconAtAsync(site));
        export = export
            .Replace("<content:encoded><![CDATA[<p>The beacon on the skerry is lit.</p>]]></content:encoded>",
                $"<content:encoded><![CDATA[{Body}]]></content:encoded>", StringComparison.Ordinal)
            .Replace("<excerpt:encoded><![CDATA[<p>Lit at last.</p>]]></excerpt:encoded>", "<excerpt:encoded><![CDATA[]]></excerpt:encoded>", StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "beacon.xml");
        await File.WriteAllTextAsync(file, export);
        Assert.Null((await app.ImportAsync(file)).Error);

        var imported = await app.Services.ImportedArticleAsync(site, "31");
        const string lead = "The beacon on the skerry is lit. Keepers return in May.";
        Assert.Equal(lead, imported.Summary);
        Assert.Equal("Tonight\nThe beacon on the skerry is lit.\nThe lamp\nKeepers return in May.", imported.BodyText);

        var editor = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(editor);
        var page = $"/admin/articles/edit/{imported.Id}";
        var fields = FormFields.Of((await editor.GetDocumentAsync(page)).QuerySelector("form#article-editor")!);
        fields["intent"] = "publish";
        // Tick boxes of category ids carry ids, not the true/false FormFields gives: this post has none ticked.
        fields.Remove("Form.CategoryIds");
        var saved = await editor.PostFormAsync(page, page, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == imported.Id));
        Assert.Equal(lead, after.Summary);
        Assert.Equal(imported.BodyText, after.BodyText);
        Assert.Contains("<strong>beacon</strong>", after.BodyHtml, StringComparison.Ordinal);
        // Neither the tag names nor the alt text are words of the story.
        var search = await app.CreateBrowser().GetDocumentAsync("/search?q=strong");
        Assert.DoesNotContain(search.QuerySelectorAll(".search-result h2"), h => h.TextContent.Contains(imported.Title, StringComparison.Ordinal));
        Assert.DoesNotContain("lamp room", after.Summary, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class EditingAnImportedArticleOnSqlite(SqliteApp app) : EditingAnImportedArticle(app), IClassFixture<SqliteApp>;

public sealed class EditingAnImportedArticleOnPostgreSql(PostgreSqlApp app) : EditingAnImportedArticle(app), IClassFixture<PostgreSqlApp>;
