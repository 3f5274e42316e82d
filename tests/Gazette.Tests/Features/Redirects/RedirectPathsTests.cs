using Gazette.Features.Redirects;
using Microsoft.AspNetCore.Http;

namespace Gazette.Tests.Features.Redirects;

public sealed class RedirectPathsTests
{
    [Theory]
    [InlineData("/2019/05/old-post/", "/2019/05/old-post")]
    [InlineData("  /About  ", "/About")]
    [InlineData("/caf%C3%A9/", "/café")]
    [InlineData("/?p=123", "/?p=123")]
    [InlineData("/index.php?page_id=7&lang=en#top", "/index.php?lang=en&page_id=7")]
    [InlineData("/search/?q=tide%20tables&", "/search?q=tide%20tables")]
    public void NormalisesAFromPath(string input, string expected)
    {
        Assert.True(RedirectPaths.TryNormaliseFrom(input, out var from, out var error), error);
        Assert.Equal(expected, from);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old-post")]
    [InlineData("//example.org/x")]
    [InlineData("https://example.org/x")]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/Admin/comments")]
    [InlineData("/admin?x=1")]
    [InlineData("/with space")]
    public void RefusesWhatIsNotALocalFromPath(string input)
    {
        Assert.False(RedirectPaths.TryNormaliseFrom(input, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void AnAdministratorsGuideIsNotTheNewsroom() =>
        Assert.True(RedirectPaths.TryNormaliseFrom("/administrators-guide", out _, out _));

    [Theory]
    [InlineData("/2024/03/new/", "/2024/03/new")]
    [InlineData("https://example.org/a b", "https://example.org/a%20b")]
    [InlineData("https://bücher.example/x?q=1", "https://xn--bcher-kva.example/x?q=1")]
    public void NormalisesATarget(string input, string expected)
    {
        Assert.True(RedirectPaths.TryNormaliseTo(input, out var to, out var error), error);
        Assert.Equal(expected, to);
    }

    [Theory]
    [InlineData("http://example.org/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//example.org/")]
    [InlineData("ftp://example.org/")]
    [InlineData("https://user:secret@example.org/")]
    public void RefusesATargetThatIsNotLocalOrHttps(string input) =>
        Assert.False(RedirectPaths.TryNormaliseTo(input, out _, out _));

    [Fact]
    public void MatchesARequestWithoutItsTrackingParametersInAnyOrder()
    {
        var (path, query) = RedirectPaths.FromRequest(new PathString("/index.php/"), new QueryString("?utm_source=x&page_id=7&fbclid=abc&lang=en"));

        Assert.Equal("/index.php?lang=en&page_id=7", RedirectPaths.Join(path, query));
        Assert.Equal("lang&page_id", RedirectPaths.QueryKeysOf(query));
    }

    [Fact]
    public void EncodesALocalTargetForTheLocationHeader() =>
        Assert.Equal("/caf%C3%A9?p=1", RedirectPaths.ToLocation("/café?p=1"));
}
