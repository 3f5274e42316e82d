namespace Gazette.Features.WordPress;

/// <summary>The file is not a WordPress export we can read; the message says why, for the person importing.</summary>
public sealed class WxrFormatException : Exception
{
    public WxrFormatException()
    {
    }

    public WxrFormatException(string message) : base(message)
    {
    }

    public WxrFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>
    /// The file is not well-formed XML, or its bytes do not match its encoding, somewhere other than at a
    /// premature end: a slip the lenient reading may mend. A truncated file never is one.
    /// </summary>
    public bool MightBeMended { get; init; }
}
