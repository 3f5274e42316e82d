namespace Gazette.Data;

/// <summary>
/// One value an Administrator chose on the settings page, stored under its configuration path
/// (<c>Gazette:Comments:ManualApproval</c>; list items as <c>Gazette:Comments:BlockedWords:0</c>, …).
/// The app reads these as configuration that wins over appsettings.json and the environment.
/// </summary>
public class SiteSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
