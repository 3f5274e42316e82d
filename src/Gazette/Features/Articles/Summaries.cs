namespace Gazette.Features.Articles;

/// <summary>How long a summary is, and how text is cut to it (see <see cref="ArticleContent"/> for the lead itself).</summary>
public static class Summaries
{
    public const int MaxLength = 300;

    /// <summary>Cuts at the last sentence end within <paramref name="max"/>, else at a word, with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var window = text[..max];
        var sentenceEnd = window.LastIndexOfAny(['.', '!', '?']);
        if (sentenceEnd >= max / 3)
        {
            return window[..(sentenceEnd + 1)];
        }
        var space = window.LastIndexOf(' ');
        return (space > 0 ? window[..space] : window).TrimEnd(',', ';', ':') + "…";
    }
}
