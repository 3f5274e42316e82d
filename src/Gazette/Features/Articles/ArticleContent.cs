using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Features.Articles;

/// <summary>What readers and search see of an article's body: its sanitised HTML, its plain text, and its summary.</summary>
public sealed record DerivedContent(string Html, string Text, string Summary);

/// <summary>
/// The one way an article's HTML, plain text and summary come from what its author wrote, whatever
/// wrote it: the editor, a restored revision, an import, the first run's demo, a test arranging data
/// (see <see cref="ArticleContentOnSave"/>). The body is Markdown, which may hold HTML (an imported
/// WordPress post is HTML throughout); the text and summary are read from the rendered HTML, so
/// they are the same whichever it was, and never carry tags, Markdown's punctuation or an image's
/// alt text.
/// </summary>
public sealed class ArticleContent(MarkdownRenderer markdown)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Elements that stand as blocks of their own: their text is kept apart from the next.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "figure", "figcaption", "table", "thead", "tbody", "tr", "td", "th", "caption", "section", "article",
        "aside", "header", "footer", "details", "summary", "hr", "br", "address",
    };

    /// <summary>Where a paragraph is not the article's prose: quoted, captioned, tabulated or listed.</summary>
    private static readonly HashSet<string> NotLead = new(StringComparer.Ordinal)
    {
        "blockquote", "figure", "figcaption", "table", "li", "aside", "details", "pre", "nav", "footer",
    };

    public DerivedContent Derive(string body, string? excerpt)
    {
        ArgumentNullException.ThrowIfNull(body);
        var html = markdown.ToHtml(body);
        var root = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        var text = TextOf(root);
        var summary = excerpt?.Trim() is { Length: > 0 } given ? given : LeadOf(root, text);
        return new DerivedContent(html, text, summary);
    }

    /// <summary>The rendered HTML, counts and the excerpt a save would derive, for the editor's live preview.</summary>
    public EditorPreview Preview(string body)
    {
        var derived = Derive(body ?? "", null);
        var words = ReadingTime.Words(derived.Text);
        return new EditorPreview(derived.Html, words, ReadingTime.Minutes(words), derived.Summary);
    }

    /// <summary>The lead of the rendered body: its opening paragraphs of prose, cut at a sentence end.</summary>
    public static string LeadOf(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var root = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        return LeadOf(root, TextOf(root));
    }

    private static string LeadOf(IElement root, string text)
    {
        var lead = new StringBuilder();
        foreach (var paragraph in root.QuerySelectorAll("p"))
        {
            if (IsInside(paragraph, root))
            {
                continue;
            }
            var line = OneLine(TextOf(paragraph));
            if (line.Length == 0)
            {
                continue;
            }
            lead.Append(lead.Length > 0 ? " " : "").Append(line);
            if (lead.Length >= Summaries.MaxLength)
            {
                break;
            }
        }
        // A body of lists or tables alone still has a summary: its text.
        return Summaries.Cut(lead.Length > 0 ? lead.ToString() : OneLine(text), Summaries.MaxLength);
    }

    private static bool IsInside(IElement paragraph, IElement root)
    {
        for (var at = paragraph.ParentElement; at is not null && at != root; at = at.ParentElement)
        {
            if (NotLead.Contains(at.LocalName))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text of an element, each block on a line of its own.</summary>
    private static string TextOf(IElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        var lines = text.ToString().Split('\n')
            .Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText piece:
                    text.Append(piece.Data);
                    break;
                // A player's fallback link is for browsers that cannot play it, not the article's text.
                case IElement { LocalName: "script" or "style" or "template" or "audio" or "video" }:
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    Append(element, text);
                    if (block)
                    {
                        text.Append('\n');
                    }
                    break;
            }
        }
    }

    private static string OneLine(string text) => text.Replace('\n', ' ');
}

/// <summary>
/// Derives <see cref="Article.BodyHtml"/>, <see cref="Article.BodyText"/> and <see cref="Article.Summary"/>
/// on every save that adds an article or changes its body or excerpt, whoever saves it, so that no
/// writer can store one without the others.
/// </summary>
internal sealed class ArticleContentOnSave(ArticleContent content) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Derive(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Derive(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Derive(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<Article>())
        {
            if (entry.State == EntityState.Added
                || (entry.State == EntityState.Modified
                    && (entry.Property(a => a.Body).IsModified || entry.Property(a => a.Excerpt).IsModified)))
            {
                var derived = content.Derive(entry.Entity.Body, entry.Entity.Excerpt);
                entry.Entity.BodyHtml = derived.Html;
                entry.Entity.BodyText = derived.Text;
                entry.Entity.Summary = derived.Summary;
            }
        }
    }
}
