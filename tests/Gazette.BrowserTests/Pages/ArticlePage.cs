using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>What a reader types into the "Leave a Reply" form.</summary>
public sealed record CommentEntry(string Name, string Email, string? Website, string Text);

/// <summary>The public article page: the article, its conversation, and the "Leave a Reply" form.</summary>
public sealed class ArticlePage(IPage page)
{
    public IPage Page => page;

    public ILocator Headline => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator FeaturedImage => page.Locator("article figure.featured-image img");

    public ILocator ImageCaption => page.Locator("article figure.featured-image figcaption .caption");

    public ILocator ImageCredit => page.Locator("article figure.featured-image figcaption .credit");

    /// <summary>"By …", the author's name.</summary>
    public ILocator Byline => page.Locator("article .byline .author");

    public ILocator PublicationDate => page.Locator("article .byline time").First;

    /// <summary>Paragraphs and headings of the body, in order.</summary>
    public ILocator BodyBlocks => page.Locator("article .article-body > :is(p, h2, h3)");

    public ILocator SectionHeadings => page.Locator("article .article-body").GetByRole(AriaRole.Heading);

    public ILocator Conversation => page.Locator("section#comments");

    public ILocator Comments => Conversation.Locator("li.comment");

    /// <summary>A shown comment, found by its author as a screen reader announces it.</summary>
    public ILocator CommentBy(string author) =>
        Conversation.GetByRole(AriaRole.Article, new() { Name = $"Comment by {author}", Exact = true });

    /// <summary>A comment's list item (its replies included), by the id its permalink points at.</summary>
    public ILocator CommentItem(int id) => Conversation.Locator($"li#comment-{id}");

    /// <summary>The items of a comment's own replies list: its direct replies, not theirs.</summary>
    public ILocator RepliesTo(int id) => CommentItem(id).Locator(":scope > ol.children > li.comment");

    /// <summary>A comment item that holds the comment by <paramref name="author"/>, among <paramref name="items"/>.</summary>
    public ILocator WithCommentBy(ILocator items, string author)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Filter(new() { Has = page.GetByRole(AriaRole.Article, new() { Name = $"Comment by {author}", Exact = true }) });
    }

    /// <summary>How deep a comment item sits in its thread: 1 for a comment on the article, 2 for a reply to it.</summary>
    public static Task<int> DepthOfAsync(ILocator item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.EvaluateAsync<int>(
            "li => { let depth = 0; for (let at = li; at; at = at.parentElement.closest('li.comment')) depth++; return depth; }");
    }

    /// <summary>The "Edit or delete" link the posting browser sees on its own comment.</summary>
    public static ILocator EditLinkIn(ILocator comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return comment.GetByRole(AriaRole.Link, new() { Name = "Edit or delete", Exact = true });
    }

    /// <summary>The link in the "awaiting moderation" notice to the comment just posted.</summary>
    public ILocator EditJustPostedLink =>
        Conversation.GetByRole(AriaRole.Link, new() { Name = "Edit or delete your comment", Exact = true });

    /// <summary>What the conversation says after the reader's last action ("Your comment is deleted.").</summary>
    public ILocator Notice(string text) => Conversation.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    public ILocator MyDataLink =>
        page.GetByRole(AriaRole.Link, new() { Name = "Get a copy of your comments, or erase your details", Exact = true });

    /// <summary>The text of comment <paramref name="id"/>, without its replies'.</summary>
    public ILocator CommentTextOf(int id) => Conversation.Locator($"#comment-{id} > article .comment-text");

    /// <summary>The author's name over comment <paramref name="id"/>, linked to their website if they gave one.</summary>
    public ILocator CommentAuthorOf(int id) => Conversation.Locator($"#comment-{id} > article .comment-author");

    public ILocator ReplyLinkTo(string author) =>
        Conversation.GetByRole(AriaRole.Link, new() { Name = $"Reply to {author}", Exact = true });

    public ILocator ReplyHeading => Conversation.Locator("#reply-title");

    public ILocator ReplyForm => Conversation.Locator("form.comment-form");

    public ILocator FormNotice => ReplyForm.Locator(".form-notice");

    // By accessible name: the red "*" in each label is aria-hidden, so a screen reader hears "Name".
    public ILocator NameField => page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });

    public ILocator EmailField => page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true });

    public ILocator WebsiteField => page.GetByRole(AriaRole.Textbox, new() { Name = "Website", Exact = true });

    public ILocator CommentField => page.GetByRole(AriaRole.Textbox, new() { Name = "Comment", Exact = true });

    public ILocator PostCommentButton => ReplyForm.GetByRole(AriaRole.Button, new() { Name = "Post Comment", Exact = true });

    /// <summary>The label a sighted reader sees, e.g. "Email *".</summary>
    public async Task<ILocator> LabelOfAsync(ILocator field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var id = await field.GetAttributeAsync("id") ?? throw new InvalidOperationException("The field has no id for a label to point at.");
        return ReplyForm.Locator($"label[for=\"{id}\"]");
    }

    /// <summary>The error message shown in the same form row as <paramref name="field"/>.</summary>
    public ILocator ErrorNextTo(ILocator field) => ReplyForm.Locator(".field").Filter(new() { Has = field }).Locator(".field-error");

    public ILocator AwaitingModerationNotice =>
        Conversation.GetByRole(AriaRole.Status).Filter(new() { HasText = "awaiting moderation" });

    /// <summary>A password-protected article's form, in place of its body until the reader gives the password.</summary>
    public ILocator PasswordGate => page.Locator("article section.password-gate");

    public ILocator PasswordField => page.GetByLabel("Password", new() { Exact = true });

    public ILocator ReadTheStoryButton => PasswordGate.GetByRole(AriaRole.Button, new() { Name = "Read the story", Exact = true });

    /// <summary>What the password form says when it comes back (a wrong password, too many).</summary>
    public ILocator PasswordProblem => PasswordGate.GetByRole(AriaRole.Alert);

    public async Task EnterPasswordAsync(string password)
    {
        await PasswordField.FillAsync(password);
        await ReadTheStoryButton.ClickAsync();
    }

    public async Task OpenAsync(string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
        await Expect(Headline).ToBeVisibleAsync();
    }

    public async Task FillCommentAsync(CommentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await CommentField.FillAsync(entry.Text);
        await NameField.FillAsync(entry.Name);
        await EmailField.FillAsync(entry.Email);
        await WebsiteField.FillAsync(entry.Website ?? "");
    }

    public async Task PostCommentAsync(CommentEntry entry)
    {
        await FillCommentAsync(entry);
        await PostCommentButton.ClickAsync();
    }
}
