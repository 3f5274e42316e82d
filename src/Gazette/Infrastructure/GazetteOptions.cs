namespace Gazette.Infrastructure;

/// <summary>The <c>Gazette</c> configuration section (<c>Gazette__…</c> environment variables).</summary>
public sealed class GazetteOptions
{
    public const string Section = "Gazette";

    /// <summary>Where the SQLite file, uploaded media and keys live. Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    public SiteOptions Site { get; set; } = new();

    public string DataPath => Path.GetFullPath(DataDirectory);

    public string MediaPath => Path.Combine(DataPath, "media");
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class SiteOptions
{
    public string Title { get; set; } = "The Gazette";
    public string Tagline { get; set; } = "News from the harbour and beyond";
    public int PostsPerPage { get; set; } = 10;

    /// <summary>How many items the site's feeds list.</summary>
    public int FeedLength { get; set; } = 20;

    /// <summary>Whether feeds carry each article's whole text, or only its excerpt (readers then visit the site).</summary>
    public bool FeedFullText { get; set; } = true;

    /// <summary>The IANA time zone (e.g. Europe/Stockholm) dates are shown in and publication times entered in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The culture (e.g. en-GB, de-DE) whose month names and date order public pages use.</summary>
    public string Language { get; set; } = "en-GB";

    /// <summary>The site's public address, e.g. https://news.example.com, for links in emails.</summary>
    public string? Url { get; set; }
}
