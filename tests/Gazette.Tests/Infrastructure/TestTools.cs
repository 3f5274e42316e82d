namespace Gazette.Tests.Infrastructure;

/// <summary>
/// <c>tests/tools</c>: the npm packages the tests run on what Gazette serves (an independent feed
/// parser, the Nu HTML Checker). ./test.sh installs them with <c>npm ci</c> when they are missing.
/// </summary>
public static class TestTools
{
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(tools, "package.json")))
            {
                return tools;
            }
        }
        throw new InvalidOperationException("tests/tools/package.json not found above " + AppContext.BaseDirectory);
    }
}
