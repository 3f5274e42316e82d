using Gazette.Features.Media;

namespace Gazette.Tests.Features.Media;

public sealed class TellingAWholeImageFromOneCutShort
{
    [Theory]
    [InlineData("jpg", "JPEG")]
    [InlineData("png", "PNG")]
    [InlineData("gif", "GIF")]
    [InlineData("webp", "WEBP")]
    public void AcceptsTheWholeFileAndRefusesItCutAnywhere(string extension, string format)
    {
        var bytes = TestImages.Draw(extension, 64, 48);

        Assert.True(ImageIntegrity.IsComplete(bytes, format, out var frames));
        Assert.Equal(1, frames.Count);
        foreach (var fraction in new[] { 0.1, 0.5, 0.9 })
        {
            Assert.False(ImageIntegrity.IsComplete(bytes.AsSpan(0, (int)(bytes.Length * fraction)), format, out _), $"{extension} cut at {fraction}");
        }
        Assert.False(ImageIntegrity.IsComplete(bytes.AsSpan(0, bytes.Length - 1), format, out _), $"{extension} missing its last byte");
    }

    [Fact]
    public void CountsTheFramesOfAnAnimatedGif()
    {
        var bytes = TestImages.Draw("gif", 40, 30, frames: 3);

        Assert.True(ImageIntegrity.IsComplete(bytes, "GIF", out var frames));
        Assert.Equal(3, frames.Count);
    }

    [Fact]
    public void AcceptsBytesAfterTheEndOfAJpeg()
    {
        var bytes = TestImages.Draw("jpg", 64, 48).Concat(new byte[100]).ToArray();

        Assert.True(ImageIntegrity.IsComplete(bytes, "JPEG", out _));
    }
}
