using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Gazette.Features.Comments;

/// <summary>What the "Leave a Reply" form posts. Field names match WordPress's labels.</summary>
public sealed class CommentForm
{
    public const int MaxTextLength = 5000;

    [Required(ErrorMessage = "Please enter your name.")]
    [StringLength(100, ErrorMessage = "Your name can be at most {1} characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Please enter your email address. It will not be published.")]
    [StringLength(254, ErrorMessage = "The email address can be at most {1} characters.")]
    [EmailSyntax]
    public string? Email { get; set; }

    [StringLength(500, ErrorMessage = "The website address can be at most {1} characters.")]
    [WebsiteSyntax]
    public string? Website { get; set; }

    [Required(ErrorMessage = "Please write your comment.")]
    [StringLength(MaxTextLength, ErrorMessage = "Your comment can be at most {1} characters; please shorten it.")]
    [ShowsWords]
    public string? Text { get; set; }

    /// <summary>The signed, non-personal form token (see <see cref="CommentFormToken"/>).</summary>
    public string? Token { get; set; }

    /// <summary>Email me when someone replies (confirmed by email first).</summary>
    public bool NotifyReplies { get; set; }

    /// <summary>The reader's consent to keep name, email and website in a cookie. Off unless ticked.</summary>
    public bool Remember { get; set; }

    /// <summary>The comment this one replies to, if any.</summary>
    public int? ParentId { get; set; }

    /// <summary>
    /// The honeypot: a field people never see (the stylesheet moves it off screen and its label
    /// says to leave it empty) but form-filling robots do. Anything in it marks the comment as spam.
    /// </summary>
    [StringLength(500)]
    public string? Homepage { get; set; }
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class EmailSyntaxAttribute : ValidationAttribute
{
    public EmailSyntaxAttribute() : base("Please enter a valid email address, like name@example.com.") { }

    public override bool IsValid(object? value) =>
        value is not string email || string.IsNullOrWhiteSpace(email) || IsEmail(email.Trim());

    public static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.DisplayName.Length == 0
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.')
        && !address.Host.EndsWith('.');
}

/// <summary>Comment text that shows something: tags with nothing in them (<c>&lt;b&gt;&lt;/b&gt;</c>) are as good as empty.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ShowsWordsAttribute : ValidationAttribute
{
    public ShowsWordsAttribute() : base("Please write your comment: those tags alone show nothing.") { }

    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || CommentText.ToPlainText(text).Length > 0;
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class WebsiteSyntaxAttribute : ValidationAttribute
{
    public WebsiteSyntaxAttribute() : base("Please enter a web address, like https://example.com, or leave it empty.") { }

    public override bool IsValid(object? value) =>
        value is not string url || string.IsNullOrWhiteSpace(url) || Normalize(url) is not null;

    /// <summary>Accepts "example.com/me" as WordPress does, returning "https://example.com/me".</summary>
    public static string? Normalize(string url)
    {
        url = url.Trim();
        if (url.Any(char.IsWhiteSpace))
        {
            return null;
        }
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            url = "https://" + url;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Contains('.', StringComparison.Ordinal)
            && uri.UserInfo.Length == 0
                ? uri.AbsoluteUri
                : null;
    }
}
