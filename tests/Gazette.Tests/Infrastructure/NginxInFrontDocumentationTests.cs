namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The nginx configuration the README shows and deploy/ ships is the one <see cref="NginxInFrontTests"/> runs:
/// the proxy settings live in one file, which production's configuration includes and the README quotes whole.
/// </summary>
public sealed class NginxInFrontDocumentationTests
{
    private static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([TestTools.RepositoryRoot(), .. path])).ReplaceLineEndings("\n");

    [Fact]
    public void TheReadmeQuotesTheProxySettingsTheTestsInclude()
    {
        var settings = Read("deploy", "nginx-gazette-proxy.conf").TrimEnd();

        Assert.Contains("```nginx\n" + settings + "\n```", Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionsConfigurationIncludesThemForItsUpstreamGazette()
    {
        var production = Read("deploy", "nginx.conf");

        Assert.Contains("upstream gazette {", production, StringComparison.Ordinal);
        Assert.Contains("include /etc/nginx/nginx-gazette-proxy.conf;", production, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://gazette;", Read("deploy", "nginx-gazette-proxy.conf"), StringComparison.Ordinal);
    }
}
