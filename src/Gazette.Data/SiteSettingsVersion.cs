namespace Gazette.Data;

/// <summary>
/// The one row that counts saves of the settings page, so that every app instance can tell
/// cheaply whether the <see cref="SiteSetting"/> rows changed since it last read them.
/// </summary>
public class SiteSettingsVersion
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long Number { get; set; }
}
