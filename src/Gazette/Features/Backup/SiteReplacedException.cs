namespace Gazette.Features.Backup;

/// <summary>
/// The restore replaced the site (database and media are the backup's), and a step after that failed: unlike
/// every other failure of a restore, the site is not as it was.
/// </summary>
public sealed class SiteReplacedException : Exception
{
    public SiteReplacedException()
    {
    }

    public SiteReplacedException(string message) : base(message)
    {
    }

    public SiteReplacedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
