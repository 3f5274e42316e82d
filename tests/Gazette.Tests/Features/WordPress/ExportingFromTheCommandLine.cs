using System.Globalization;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.WordPress;

public sealed class ExportingFromTheCommandLine
{
    [Fact]
    public async Task WritesTheFileAndSaysWhenTheSitesAddressIsNotKnownYet()
    {
        using var app = new SqliteApp();
        await app.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative));
        var file = Path.Combine(Directory.CreateTempSubdirectory("export-").FullName, "site.xml");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var errors = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await RunWordPressExport.RunAsync(app.Services, file, output, errors);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.ToString());
        Assert.Contains("<wp:wxr_version>1.2</wp:wxr_version>", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Contains("The site's address is not known yet", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Gazette__Site__Url", output.ToString(), StringComparison.Ordinal);
    }
}
