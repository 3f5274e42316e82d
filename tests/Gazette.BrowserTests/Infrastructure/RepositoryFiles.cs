namespace Gazette.BrowserTests.Infrastructure;

/// <summary>Files the tests read from, and write to, around the repository.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Gazette.slnx, found by walking up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A news page saved as text (written for these tests), in the shape of the page Gazette exists to serve.</summary>
    public static string SeedArticle => Existing(Path.Combine(Root, "tests", "Gazette.BrowserTests", "Data", "news-page.txt"));

    /// <summary>An image to upload as a featured image: the demo illustration, a real 1600×900 JPEG.</summary>
    public static string UploadImage => Existing(Path.Combine(Root, "src", "Gazette", "wwwroot", "demo", "harbour-dawn.jpg"));

    /// <summary><c>TestResults/screenshots</c> under the repository root, created on first use.</summary>
    public static string ScreenshotPath(string fileName) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Root, "TestResults", "screenshots")).FullName, fileName);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gazette.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Gazette.slnx.");
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"The tests need {path}.", path);
}
