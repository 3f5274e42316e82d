namespace Gazette.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    /// <summary>One app and one Chromium for every browser test; the tests run one after another.</summary>
    public const string Name = "Browser";
}
