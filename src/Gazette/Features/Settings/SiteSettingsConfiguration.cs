namespace Gazette.Features.Settings;

/// <summary>
/// The settings saved from <c>/admin/settings</c>, as a configuration source. Added to the
/// configuration last, so what an Administrator chose wins over appsettings.json and environment
/// variables. It starts empty: the table may not exist before migrations run, so
/// <see cref="SiteSettingsStore"/> fills it once the schema is up to date and again after every
/// save. Each fill raises the change token, so every <c>IOptionsMonitor</c> sees the new values on
/// the next read, without a restart. (Pages read options through <c>IOptionsMonitor</c>, never
/// <c>IOptionsSnapshot</c>: a snapshot binds the configuration again on every request, and the
/// reflection stubs that binding makes kept the finalizer thread busy under load.)
/// </summary>
public sealed class SiteSettingsConfiguration : ConfigurationProvider, IConfigurationSource
{
    /// <summary>The version of the stored settings this holds; -1 before the first load.</summary>
    public long Version { get; private set; } = -1;

    // One instance is both source and provider, so the store that fills it can be handed the same object.
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Replaces every value at once and tells configuration consumers.</summary>
    public void Replace(IEnumerable<KeyValuePair<string, string>> values, long version)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }
        // Readers on other threads see either the old dictionary or the new one, never a half-filled one.
        Data = data;
        Version = version;
        OnReload();
    }
}
